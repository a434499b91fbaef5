# Builds the Windows installer of CAE Workbench with jpackage (JDK 17 or newer), into target\installer\.
#
#   installer\build.cmd msi          the .msi (needs the WiX Toolset 3: candle.exe and light.exe)
#   installer\build.cmd app-image    only the application folder, no installer
#
# build.cmd runs this script with PowerShell's execution policy relaxed for this one script.
# First builds the jar with the Maven wrapper (clean package, tests skipped); $env:MAVEN_ARGS adds
# Maven options (e.g. -o offline), $env:SKIP_MAVEN = 1 reuses target\ as it is.
param([Parameter(Position = 0)][ValidateSet('msi', 'app-image')][string]$Type = 'msi')

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root

function Fail([string]$message) {
    [Console]::Error.WriteLine("installer\build.ps1: $message")
    exit 1
}

# jpackage from JAVA_HOME, else from the PATH
$jpackage = $null
if ($env:JAVA_HOME -and (Test-Path "$env:JAVA_HOME\bin\jpackage.exe")) { $jpackage = "$env:JAVA_HOME\bin\jpackage.exe" }
elseif (Get-Command jpackage.exe -ErrorAction SilentlyContinue) { $jpackage = (Get-Command jpackage.exe).Source }
else { Fail 'jpackage not found: install a JDK 17 or newer (jpackage is in its bin\) and set JAVA_HOME' }

# jpackage 17 makes an .msi with the WiX Toolset 3 (candle.exe, light.exe); find it if it is not on the PATH
if ($Type -eq 'msi' -and -not (Get-Command candle.exe -ErrorAction SilentlyContinue)) {
    $wix = Get-Item "${env:ProgramFiles(x86)}\WiX Toolset v3*\bin", "$env:ProgramFiles\WiX Toolset v3*\bin" -ErrorAction SilentlyContinue |
        Sort-Object FullName -Descending | Select-Object -First 1
    if (-not $wix) { Fail 'the WiX Toolset 3 is needed for an .msi (choco install wixtoolset, or wixtoolset.org), then run again' }
    $env:PATH = "$($wix.FullName);$env:PATH"
}

# 1. The jar and its libraries (clean: no jar left over from another dependency set or OS).
if ($env:SKIP_MAVEN -ne '1') {
    $mavenArgs = @()
    if ($env:MAVEN_ARGS) { $mavenArgs = $env:MAVEN_ARGS -split '\s+' | Where-Object { $_ } }
    & .\mvnw.cmd -B -q @mavenArgs -DskipTests clean package
    if ($LASTEXITCODE -ne 0) { Fail 'the Maven build failed' }
}
$props = 'target\maven-archiver\pom.properties'
if (-not (Test-Path 'target\cae-workbench.jar') -or -not (Test-Path $props)) { Fail 'target\cae-workbench.jar is missing: run without SKIP_MAVEN=1' }
$version = ((Get-Content $props | Where-Object { $_ -like 'version=*' }) -replace '^version=', '').Trim()
$appVersion = ($version -split '-')[0]   # 0.1.0-SNAPSHOT -> 0.1.0: installers take numbers only

# 2. Only Windows x86_64 native libraries.
$foreign = Get-ChildItem 'target\lib' -Name |
    Where-Object { $_ -match '-(linux|windows|macosx)-(x86_64|x86|arm64|armhf|ppc64le)\.jar$' -or $_ -match '^javafx-.*-(linux|linux-aarch64|mac|mac-aarch64|win)\.jar$' } |
    Where-Object { $_ -notmatch '-windows-x86_64\.jar$' -and $_ -notmatch '^javafx-.*-win\.jar$' }
if ($foreign) { Fail "target\lib holds native libraries of another platform than windows-x86_64: $($foreign -join ' ')" }

# 3. The input: the jar, its libraries and the sample data (found next to the jar by ui.Samples).
$out = 'target\installer'
foreach ($dir in "$out\input", "$out\image") { if (Test-Path $dir) { Remove-Item -Recurse -Force $dir } }
New-Item -ItemType Directory -Force "$out\input" | Out-Null
Copy-Item 'target\cae-workbench.jar' "$out\input\"
Copy-Item -Recurse 'target\lib' "$out\input\lib"
Copy-Item -Recurse 'samples' "$out\input\samples"

# 4. The application image: launchers, the jars, a trimmed Java runtime. The @ argument files must be
# quoted: a bare @name is PowerShell's splatting.
$name = 'CAE Workbench'
$icon = 'icons\cae-workbench.ico'
$image = "$out\image\$name"
Write-Host "jpackage: application image $version ($appVersion) for windows-x86_64"
& $jpackage --type app-image '@installer/jpackage/about.txt' '@installer/jpackage/app-image.txt' `
    --name $name --icon $icon --app-version $appVersion `
    --input "$out\input" --dest "$out\image" `
    --add-launcher 'cae=installer\jpackage\cae-windows.properties'
if ($LASTEXITCODE -ne 0) { Fail 'jpackage could not make the application image' }
& "$image\cae.exe" --version | Out-Null
if ($LASTEXITCODE -ne 0) { Fail "the application image's cae.exe does not start" }

# 5. The installer.
if ($Type -eq 'msi') {
    Write-Host 'jpackage: .msi'
    & $jpackage --type msi --app-image $image '@installer/jpackage/about.txt' '@installer/jpackage/windows.txt' `
        --name $name --app-version $appVersion --license-file LICENSE --icon $icon --dest $out
    if ($LASTEXITCODE -ne 0) { Fail 'jpackage could not make the .msi' }
    $msi = "$out\cae-workbench-$appVersion-windows-x64.msi"
    Move-Item "$out\$name-$appVersion.msi" $msi
    Write-Host 'built:'
    Get-Item $msi | Format-Table Name, Length -AutoSize
} else {
    $bytes = (Get-ChildItem -Recurse -File $image | Measure-Object -Property Length -Sum).Sum
    Write-Host ("built: $image ({0:N0} MB)" -f ($bytes / 1MB))
}
