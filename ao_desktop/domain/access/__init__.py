"""Who may use the app and how they prove it: PINs, lockout after wrong tries, and the
table of what each role may do (checked by the services, not only by hidden buttons)."""
