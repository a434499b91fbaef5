#!/usr/bin/env bash
# Makes every icon file from the one source, icons/cae-workbench.svg:
#   icons/png/cae-workbench-<size>.png         16 ... 1024 px (Linux installers use the 256 px one)
#   icons/cae-workbench.ico                    Windows (16, 24, 32, 48, 64, 128, 256 px)
#   icons/cae-workbench.icns                   macOS (16 ... 1024 px, with the @2x variants)
#   src/main/resources/org/caeworkbench/ui/icons/cae-workbench-<size>.png   the window's and dialogs' icons
# Run it again after changing the SVG, and commit what it writes.
# Needs python3 and one SVG renderer: rsvg-convert (Debian/Ubuntu: apt-get install librsvg2-bin;
# macOS: brew install librsvg), else Inkscape, else ImageMagick.
set -euo pipefail
cd "$(dirname "$0")"

svg=cae-workbench.svg
sizes=(16 24 32 48 64 128 256 512 1024)
ico_sizes=(16 24 32 48 64 128 256)
icns_sizes=(16 32 64 128 256 512 1024)
resource_sizes=(16 32 48 64 128 256 512)
resources=../src/main/resources/org/caeworkbench/ui/icons

command -v python3 >/dev/null || { echo "make-icons.sh: needs python3 (apt-get install python3)" >&2; exit 1; }

render() { # size output; always 8-bit RGBA, which pack-icons.py reads
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert -w "$1" -h "$1" "$svg" -o "$2"
  elif command -v inkscape >/dev/null; then
    inkscape "$svg" --export-type=png --export-png-color-mode=RGBA_8 --export-width="$1" --export-height="$1" \
      --export-filename="$2" >/dev/null 2>&1
  elif command -v magick >/dev/null; then
    magick -background none -density 384 "$svg" -resize "$1x$1" "PNG32:$2"
  elif command -v convert >/dev/null; then
    convert -background none -density 384 "$svg" -resize "$1x$1" "PNG32:$2"
  else
    echo "make-icons.sh: install rsvg-convert (apt-get install librsvg2-bin), inkscape or ImageMagick" >&2
    exit 1
  fi
}

mkdir -p png "$resources"
for s in "${sizes[@]}"; do
  render "$s" "png/cae-workbench-$s.png"
done
echo "png/cae-workbench-{$(IFS=,; echo "${sizes[*]}")}.png"

python3 pack-icons.py ico cae-workbench.ico $(for s in "${ico_sizes[@]}"; do echo "png/cae-workbench-$s.png"; done)
echo cae-workbench.ico
python3 pack-icons.py icns cae-workbench.icns $(for s in "${icns_sizes[@]}"; do echo "png/cae-workbench-$s.png"; done)
echo cae-workbench.icns

for s in "${resource_sizes[@]}"; do
  cp "png/cae-workbench-$s.png" "$resources/cae-workbench-$s.png"
done
echo "$resources/cae-workbench-{$(IFS=,; echo "${resource_sizes[*]}")}.png"
