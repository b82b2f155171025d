#!/usr/bin/env bash
# Makes the bundled style library (styles/*.jpg) from the demo photos with G'MIC 2.9 artistic filters.
# Run once by hand (`bash styles/make-styles.sh` after a build has fetched the photos); the results are committed,
# so a fresh clone needs neither G'MIC nor this script. Each style is a head crop of one face of a demo photo
# (@vladmandic/face-api@1.7.15 demo/sampleN.jpg, MIT) run through one filter; see styles/README.md.
set -euo pipefail
cd "$(dirname "$0")"
photos=../artifacts/assets/photos
# name            photo         crop x0,y0,x1,y1     filter
make() {
  # shellcheck disable=SC2086 # the filter is a command and its arguments
  gmic -v -1 "$photos/$2" -crop "$3" -$4 -to_rgb -o "$1.jpg,88"
  [ -s "$1.jpg" ] || { echo "G'MIC made no $1.jpg" >&2; exit 1; }
}
make painting  sample3.jpg  1380,120,1800,680    "fx_painting 3,1.5,2"
make cartoon   sample6.jpg  130,280,580,880      "cartoon 3,200,15,0.25,1.5,8"
make pencil    sample6.jpg  1360,60,1820,680     "pencilbw 0.3,60"
make oil       sample3.jpg  480,150,900,700      "kuwahara 7"

# Each style ships its face mesh (styles/NAME.json, the `retouch faces --json --mesh` format), so the effect
# needs no analysis of a bundled style. For painting, pencil and oil our analyzer finds the face in the style.
for name in painting pencil oil; do
  dotnet run -c Release --project ../src/Plugins.Standalone -- faces "$name.jpg" -o "$name-overlay.png" --json --mesh > "$name.json"
  rm "$name-overlay.png"
done

# Our analyzer finds no face in the cartoon (flat colour areas, black outlines): its landmark file is the mesh of
# the same crop before the filter, written by `retouch faces --json --mesh` (the filter moves no pixel, so the
# points fit the cartoon). The same route serves any painting: run `faces` on a photo in a similar pose, move
# the points, pass the file as --style-landmarks.
gmic -v -1 "$photos/sample6.jpg" -crop 130,280,580,880 -to_rgb -o cartoon-source.png
dotnet run -c Release --project ../src/Plugins.Standalone -- faces cartoon-source.png -o cartoon-source-overlay.png --json --mesh > cartoon.json
rm cartoon-source.png cartoon-source-overlay.png
