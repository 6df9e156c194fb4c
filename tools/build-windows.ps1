# Builds Khooshe for Windows: the PyInstaller one-folder bundle (dist\khooshe\, the same
# packaging\khooshe.spec as Linux) and, when Inno Setup 6 is installed, the installer
# dist\khooshe-<version>-setup.exe from packaging\khooshe.iss.
#
#     powershell -ExecutionPolicy Bypass -File tools\build-windows.ps1
#
# Needs Python 3.11 (64-bit) from python.org on PATH as `py -3.11`, and optionally Inno Setup 6
# (ISCC.exe in its default folder or on PATH). Not yet run on Windows: docs\windows.md lists what
# the first build must check.
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Split-Path -Parent $PSScriptRoot
Set-Location $Root

# Persian in every message this script and Python print.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
$env:PYTHONUTF8 = "1"

$Venv = Join-Path $Root ".venv-win"
$Python = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $Python)) {
    py -3.11 -m venv $Venv
    if ($LASTEXITCODE -ne 0) { throw "Python 3.11 is required (py -3.11)." }
}
& $Python -m pip install -q --upgrade pip
& $Python tools\deps.py bundle | Set-Content -Encoding utf8 (Join-Path $Venv "requirements.txt")
& $Python -m pip install -q -r (Join-Path $Venv "requirements.txt")
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# The .qm is built from the .ts, so a stale catalogue is never shipped.
& (Join-Path $Venv "Scripts\pyside6-lrelease.exe") -silent translations\khooshe_fa.ts -qm translations\khooshe_fa.qm
if ($LASTEXITCODE -ne 0) { throw "lrelease failed" }

$started = Get-Date
& $Python -m PyInstaller --noconfirm --clean --log-level WARN `
    --distpath dist --workpath build\pyinstaller packaging\khooshe.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# A smoke test of the frozen program on a throw-away data folder (no network, no user data).
$Smoke = Join-Path $env:TEMP ("khooshe-smoke-" + [guid]::NewGuid())
New-Item -ItemType Directory -Path $Smoke | Out-Null
$env:KHOOSHE_DATA_DIR = $Smoke
& dist\khooshe\khooshe.exe demo --db (Join-Path $Smoke "k.db")
if ($LASTEXITCODE -ne 0) { throw "the bundle's demo command failed" }
& dist\khooshe\khooshe.exe check --db (Join-Path $Smoke "k.db")
if ($LASTEXITCODE -ne 0) { throw "the bundle's check command failed" }
Remove-Item Env:\KHOOSHE_DATA_DIR
Remove-Item -Recurse -Force $Smoke

$Version = & $Python -c "import tomllib;print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])"
$Iscc = (Get-Command ISCC.exe -ErrorAction SilentlyContinue).Source
if (-not $Iscc) {
    $Default = Join-Path ${env:ProgramFiles(x86)} "Inno Setup 6\ISCC.exe"
    if (Test-Path $Default) { $Iscc = $Default }
}
if ($Iscc) {
    & $Iscc "/DAppVersion=$Version" "/O$Root\dist" packaging\khooshe.iss
    if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
} else {
    Write-Warning "Inno Setup 6 not found: dist\khooshe\ is built, the installer is not."
}
$seconds = [int]((Get-Date) - $started).TotalSeconds
Write-Host "build-windows: dist\khooshe\ (and the installer if Inno Setup was found) in $seconds s"
