; Inno Setup 6 script: wraps the PyInstaller onedir bundle (dist\AO Desktop) into one
; setup .exe for a per-user install without admin rights.
;
;   ISCC.exe /DAppVersion=0.1.0 /DNumericVersion=0.1.0.0 installer\ao-desktop.iss
;   -> dist\installer\AO-Desktop-Setup-0.1.0.exe
;
; - Installs to %LOCALAPPDATA%\Programs\AO Desktop ({autopf} under PrivilegesRequired=lowest).
; - Upgrade in place: the AppId never changes; the old version's program files are removed
;   first ([InstallDelete]) so no stale library of an older build is loaded; a running
;   AO Desktop is closed first (Restart Manager).
; - The user's data (%LOCALAPPDATA%\AO Desktop\, the database, backups, logs) and a
;   database on the branch's shared drive are never touched, on upgrade or uninstall.
; - Indonesian wizard when installer\Indonesian.isl is present (Inno Setup's unofficial
;   translation, fetched by the Windows CI workflow); English otherwise.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef NumericVersion
  #define NumericVersion "0.1.0.0"
#endif
#ifndef BundleDir
  #define BundleDir "..\dist\AO Desktop"
#endif
#define AppName "AO Desktop"
#define AppExe "ao-desktop.exe"

[Setup]
; Never change the AppId: it is how an installed AO Desktop is found and upgraded.
AppId={{42A10F66-0592-4CC6-8C93-D037ACF95F05}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=AO Desktop
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} Setup
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=AO-Desktop-Setup-{#AppVersion}
SetupIconFile=..\resources\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/ultra64
SolidCompression=yes
LZMAUseSeparateProcess=yes
WizardStyle=modern
CloseApplications=yes
CloseApplicationsFilter=*.exe,*.dll,*.pyd
RestartApplications=no
SetupLogging=yes
ShowLanguageDialog=no

[Languages]
#if FileExists(AddBackslash(SourcePath) + "Indonesian.isl")
Name: "indonesian"; MessagesFile: "Indonesian.isl"
#endif
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; The previous version's program files (never the data folder, which lives elsewhere).
Type: filesandordirs; Name: "{app}\_internal"
Type: files; Name: "{app}\ao-desktop.exe"
Type: files; Name: "{app}\ao-desktop-cli.exe"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
