; Inno Setup 6 script for Khooshe's Windows installer; tools\build-windows.ps1 runs it after
; PyInstaller:  ISCC.exe /DAppVersion=0.1.0 /Odist packaging\khooshe.iss
;
; - the wizard speaks Persian (Inno Setup's official Persian translation, right to left), with
;   English selectable;
; - installs per user by default (no administrator needed on an agent's laptop) into
;   %LOCALAPPDATA%\Programs\Khooshe, or for all users into Program Files when elevated;
; - a Start-menu entry (and an optional desktop icon) starting Khooshe.exe, the console-less
;   executable; khooshe.exe next to it is the command line;
; - uninstall removes the program folder only. The user's data folder (%LOCALAPPDATA%\Khooshe:
;   the database, attachments, backups, logs — models/paths.py) is never listed here, so the
;   uninstaller never deletes it, and a reinstall finds the same data.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; A fixed AppId: upgrades replace the installed version instead of adding a second one.
AppId={{6E0C3F52-3B8E-4F61-9C0A-4B1D6B2A7F11}
AppName=Khooshe
AppVerName=Khooshe {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=Khooshe
DefaultDirName={autopf}\Khooshe
DefaultGroupName=Khooshe
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputBaseFilename=khooshe-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
UninstallDisplayIcon={app}\Khooshe.exe
SetupIconFile=..\resources\icons\khooshe.ico
UninstallDisplayName=Khooshe (خوشه)
; The app must not be running while its files are replaced or removed.
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "fa"; MessagesFile: "compiler:Languages\Persian.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle built by PyInstaller (dist\khooshe\ relative to the repository).
Source: "..\dist\khooshe\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\خوشه"; Filename: "{app}\Khooshe.exe"; WorkingDir: "{app}"; Comment: "خوشه — عامل توسعه خوشه"
Name: "{group}\{cm:UninstallProgram,خوشه}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\خوشه"; Filename: "{app}\Khooshe.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\Khooshe.exe"; Description: "{cm:LaunchProgram,خوشه}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only what the program itself may leave in its own folder (Python byte-code caches).
Type: filesandordirs; Name: "{app}\_internal\__pycache__"
