#!/usr/bin/env bash
# Prints the Java modules the application needs, as jdeps finds them in target/cae-workbench.jar and
# target/lib (run ./mvnw -DskipTests package first), and whether installer/jpackage/app-image.txt
# (--add-modules) lists the same. Exit status 1 when they differ.
#
# jdeps cannot take the jars as they are: several (ND4J's, JavaFX's) are modules whose dependencies
# are not all present, which stops it. So their classes are unpacked into one folder, without the
# module descriptors, and analysed as one class path. One or two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/cae-workbench.jar ] || { echo "jdeps-modules.sh: build first: ./mvnw -DskipTests package" >&2; exit 2; }

classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
for jar in target/cae-workbench.jar target/lib/*.jar; do
  (cd "$classes" && unzip -qo "$OLDPWD/$jar" '*.class' -x 'module-info.class' 'META-INF/*' 2>/dev/null || true)
done
found=$(jdeps --ignore-missing-deps --print-module-deps --multi-release 17 "$classes" | tail -1)
listed=$(sed -n 's/^--add-modules //p' installer/jpackage/app-image.txt)
echo "jdeps:          $found"
echo "app-image.txt:  $listed"
if [ "$found" = "$listed" ]; then echo "the same"; else echo "they differ: update --add-modules in installer/jpackage/app-image.txt"; exit 1; fi
