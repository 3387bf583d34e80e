"""The Windows version resource of the executables, generated from ao_desktop.__version__.

The spec writes it next to the build files at every build (so the version shown in the
file's Properties and in "Apps & features" never drifts from the package version) and
parses it back with PyInstaller's own reader on every platform, so a mistake here fails
the Linux CI build too, not only the Windows one.

    python installer/version_info.py [OUT]      # prints or writes the text for inspection
    python installer/version_info.py --numeric  # 0.1.0.0, for the Inno Setup script
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

COMPANY = "AO Desktop"
PRODUCT = "AO Desktop"
DESCRIPTION = "AO Desktop: alat kerja Account Officer"
COPYRIGHT = "Hak cipta (c) AO Desktop"


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """ "0.1.0" -> (0, 1, 0, 0); a pre-release suffix ("0.2.0rc1") is dropped."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    if not numbers:
        raise ValueError(f"no version number in {version!r}")
    numbers += [0] * (4 - len(numbers))
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"version part above 65535 in {version!r}")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_info_text(version: str, original_filename: str = "ao-desktop.exe") -> str:
    """The text form PyInstaller's `version=` file takes (a VSVersionInfo expression)."""
    t = version_tuple(version)
    dotted = ".".join(str(n) for n in t)
    strings = {
        "CompanyName": COMPANY,
        "FileDescription": DESCRIPTION,
        "FileVersion": dotted,
        "InternalName": "ao-desktop",
        "LegalCopyright": COPYRIGHT,
        "OriginalFilename": original_filename,
        "ProductName": PRODUCT,
        "ProductVersion": version,
    }
    string_structs = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    # 0x0421 = Indonesian, 1200 = Unicode: Explorer shows the strings for this locale.
    return f"""# UTF-8
# Generated from ao_desktop.__version__ by installer/version_info.py; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={t},
    prodvers={t},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '042104B0',
        [{string_structs}])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0421, 1200])])
  ]
)
"""


def write_version_info(out: Path, version: str, original_filename: str = "ao-desktop.exe") -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(version_info_text(version, original_filename), encoding="utf-8")
    return out


def check_version_info(path: Path) -> dict[str, str]:
    """Evaluate the file as PyInstaller does (an expression of its version-info classes)
    with stand-ins that record the strings, so Linux catches a malformed file too
    (PyInstaller's own classes import Windows-only modules). Returns the strings."""
    strings: dict[str, str] = {}

    def record(*args: object, **kwargs: object) -> tuple[object, ...]:
        return (args, kwargs)

    def string_struct(name: str, value: str) -> None:
        if not isinstance(name, str) or not isinstance(value, str):
            raise ValueError(f"StringStruct({name!r}, {value!r}) must hold two strings")
        strings[name] = value

    names = (
        "VSVersionInfo",
        "FixedFileInfo",
        "StringFileInfo",
        "StringTable",
        "VarFileInfo",
        "VarStruct",
    )
    namespace: dict[str, object] = dict.fromkeys(names, record)
    namespace["StringStruct"] = string_struct
    eval(path.read_text(encoding="utf-8"), {"__builtins__": {}}, namespace)  # noqa: S307
    missing = {"FileVersion", "ProductVersion", "ProductName"} - strings.keys()
    if missing:
        raise ValueError(f"version info without {sorted(missing)}")
    return strings


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from ao_desktop import __version__

    if sys.argv[1:] == ["--numeric"]:  # the four-part number Inno Setup's VersionInfoVersion takes
        print(".".join(str(n) for n in version_tuple(__version__)))
    elif len(sys.argv) > 1:
        print(write_version_info(Path(sys.argv[1]), __version__))
    else:
        print(version_info_text(__version__), end="")
