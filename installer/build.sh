#!/usr/bin/env bash
# Builds a native installer of CAE Workbench with jpackage (JDK 17 or newer), into target/installer/.
#
#   installer/build.sh deb          Linux: .deb (needs dpkg-deb and fakeroot)
#   installer/build.sh rpm          Linux: .rpm (needs rpmbuild; Debian/Ubuntu package "rpm")
#   installer/build.sh dmg          macOS: .dmg
#   installer/build.sh app-image    Linux or macOS: only the application folder, no installer
#
# Windows: installer\build.cmd (msi | app-image).
# First builds the jar with the Maven wrapper (clean package, tests skipped); MAVEN_ARGS adds Maven
# options (e.g. MAVEN_ARGS=-o offline), SKIP_MAVEN=1 reuses target/ as it is.
set -euo pipefail

type=${1:-}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

die() { echo "installer/build.sh: $*" >&2; exit 1; }

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=mac ;;
  *) die "on Windows run installer\\build.cmd" ;;
esac
case "$os/$type" in
  linux/deb | linux/rpm | linux/app-image | mac/dmg | mac/app-image) ;;
  *) die "usage: installer/build.sh deb|rpm|app-image (Linux) or dmg|app-image (macOS)" ;;
esac

jpackage=jpackage java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then jpackage=$JAVA_HOME/bin/jpackage java=$JAVA_HOME/bin/java; fi
command -v "$jpackage" >/dev/null || die "jpackage not found: install a JDK 17 or newer (jpackage is in its bin/) and set JAVA_HOME"
case $type in
  deb) for tool in dpkg-deb fakeroot; do
         command -v $tool >/dev/null || die "$tool is needed for a .deb (apt-get install dpkg-dev fakeroot)"
       done ;;
  rpm) command -v rpmbuild >/dev/null || die "rpmbuild is needed for a .rpm (Debian/Ubuntu: apt-get install rpm; Fedora: dnf install rpm-build)" ;;
esac

# 1. The jar and its libraries (clean: no jar left over from another dependency set or OS).
if [ "${SKIP_MAVEN:-}" != 1 ]; then
  # shellcheck disable=SC2086  # MAVEN_ARGS holds several options
  ./mvnw -B -q ${MAVEN_ARGS:-} -DskipTests clean package
fi
[ -f target/cae-workbench.jar ] && [ -f target/maven-archiver/pom.properties ] \
  || die "target/cae-workbench.jar is missing: run without SKIP_MAVEN=1"
version=$(sed -n 's/^version=//p' target/maven-archiver/pom.properties)
app_version=${version%%-*}   # 0.1.0-SNAPSHOT -> 0.1.0: installers take numbers only

# 2. Only this machine's native libraries (the pom's OS profiles choose them by the JDK's os.arch).
arch=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *os\.arch = //p')
case "$os/$arch" in
  linux/amd64 | linux/x86_64) natives=linux-x86_64 fx=linux arch_label=x86_64 ;;
  linux/aarch64) natives=linux-arm64 fx=linux-aarch64 arch_label=arm64 ;;
  mac/x86_64 | mac/amd64) natives=macosx-x86_64 fx=mac arch_label=x86_64 ;;
  mac/aarch64) natives=macosx-arm64 fx=mac-aarch64 arch_label=arm64 ;;
  *) die "no ND4J natives for $os/$arch" ;;
esac
foreign=$(cd target/lib && ls | grep -E -- '-(linux|windows|macosx)-(x86_64|x86|arm64|armhf|ppc64le)\.jar$|^javafx-.*-(linux|linux-aarch64|mac|mac-aarch64|win)\.jar$' \
  | grep -v -E -- "-$natives\.jar$|^javafx-.*-$fx\.jar$" || true)
[ -z "$foreign" ] || die "target/lib holds native libraries of another platform than $natives: $(echo $foreign)"

# 3. The input: the jar, its libraries and the sample data (found next to the jar by ui.Samples).
out=target/installer
rm -rf "$out/input" "$out/image" "$out/resources"   # installers of the other types stay
[ "$type" = app-image ] || rm -f "$out"/*."$type"
mkdir -p "$out/input" "$out/resources"
cp target/cae-workbench.jar "$out/input/"
cp -R target/lib "$out/input/lib"
cp -R samples "$out/input/samples"

# 4. The application image: launchers, the jars, a trimmed Java runtime.
if [ $os = linux ]; then
  name=cae-workbench
  icon=icons/png/cae-workbench-256.png
  os_args=()
  image=$out/image/$name
  cae=$image/bin/cae
else
  name="CAE Workbench"
  icon=icons/cae-workbench.icns
  os_args=(@installer/jpackage/mac.txt)
  image=$out/image/$name.app
  cae=$image/Contents/MacOS/cae
  # jpackage 17 refuses a macOS bundle version starting with 0 (CFBundleVersion rule it enforces)
  case $app_version in 0.*) app_version=1.${app_version#0.} ;; esac
fi
echo "jpackage: application image $version ($app_version) for $natives"
"$jpackage" --type app-image @installer/jpackage/about.txt @installer/jpackage/app-image.txt ${os_args[@]+"${os_args[@]}"} \
  --name "$name" --icon "$icon" --app-version "$app_version" \
  --input "$out/input" --dest "$out/image" \
  --add-launcher cae=installer/jpackage/cae.properties
"$cae" --version >/dev/null || die "the application image's cae launcher does not start"

# 5. The installer.
case $type in
  deb | rpm)
    cp installer/linux/* "$out/resources/"
    cp "$icon" "$out/resources/cae-workbench.png"
    cp "$icon" "$out/resources/cae.png"
    if [ "$type" = deb ]; then deps=libgtk-3-0; else deps=gtk3; fi
    echo "jpackage: .$type (several minutes: the package is compressed)"
    "$jpackage" --type "$type" --app-image "$image" @installer/jpackage/about.txt @installer/jpackage/linux.txt \
      --name "$name" --app-version "$app_version" --license-file LICENSE \
      --linux-package-deps "$deps" --resource-dir "$out/resources" --dest "$out"
    ;;
  dmg)
    echo "jpackage: .dmg"
    "$jpackage" --type dmg --app-image "$image" @installer/jpackage/about.txt @installer/jpackage/mac.txt \
      --name "$name" --app-version "$app_version" --license-file LICENSE --icon "$icon" --dest "$out"
    mv "$out/$name-$app_version.dmg" "$out/cae-workbench-${version%%-*}-macos-$arch_label.dmg"
    ;;
esac

echo "built:"
if [ "$type" = app-image ]; then
  du -sh "$image"
else
  ls -l "$out"/*."$type"
fi
