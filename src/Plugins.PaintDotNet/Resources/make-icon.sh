#!/usr/bin/env bash
# Draws the Effects > Portrait menu icon, portrait.png (32x32 RGBA; Paint.NET scales it to the menu's size for the
# screen's DPI): a head-and-shoulders silhouette with a retouch sparkle. Drawn at 256 px and reduced with a
# Lanczos filter so the edges are antialiased. Needs ImageMagick 6 (`convert`). Run it here to remake the PNG.
set -euo pipefail
cd "$(dirname "$0")"
convert -size 256x256 xc:none \
  -fill '#3b2a24' -draw "roundrectangle 36,168 212,300 80,80" \
  -fill '#e8b394' -draw "roundrectangle 48,180 200,300 70,70" \
  -fill '#3b2a24' -draw "ellipse 118,104 64,76 0,360" \
  -fill '#f2c5a8' -draw "ellipse 118,106 52,64 0,360" \
  -fill '#ffffff' -stroke '#c98a12' -strokewidth 6 \
  -draw "polygon 206,14 218,50 254,62 218,74 206,110 194,74 158,62 194,50" \
  -stroke none -fill '#ffffff' -draw "polygon 206,30 214,54 238,62 214,70 206,94 198,70 174,62 198,54" \
  -filter Lanczos -resize 32x32 \
  -define png:color-type=6 -define png:bit-depth=8 -strip PNG32:portrait.png
