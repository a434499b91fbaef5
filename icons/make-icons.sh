#!/usr/bin/env bash
# Renders icons/cae-workbench.svg to PNGs at the usual icon sizes, in icons/png/.
# Needs one of: rsvg-convert (Debian: librsvg2-bin), inkscape, or ImageMagick (magick / convert).
set -euo pipefail
cd "$(dirname "$0")"

svg=cae-workbench.svg
sizes=(16 32 48 64 128 256 512)
mkdir -p png

render() { # size output
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert -w "$1" -h "$1" "$svg" -o "$2"
  elif command -v inkscape >/dev/null; then
    inkscape "$svg" --export-type=png --export-width="$1" --export-height="$1" --export-filename="$2" >/dev/null 2>&1
  elif command -v magick >/dev/null; then
    magick -background none -density 384 "$svg" -resize "$1x$1" "$2"
  elif command -v convert >/dev/null; then
    convert -background none -density 384 "$svg" -resize "$1x$1" "$2"
  else
    echo "make-icons.sh: install rsvg-convert (apt-get install librsvg2-bin), inkscape or ImageMagick" >&2
    exit 1
  fi
}

for s in "${sizes[@]}"; do
  render "$s" "png/cae-workbench-$s.png"
  echo "png/cae-workbench-$s.png"
done
