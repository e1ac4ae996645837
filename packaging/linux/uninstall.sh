#!/bin/sh
# Removes what install.sh put in place: the program, the command, the launcher, the
# `.journey` file type and the icons. Your projects and settings stay where they are.
set -eu

prefix="${JOURNEYEDITOR_PREFIX:-$HOME/.local}"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
program="$prefix/lib/journeyeditor"
bin="$prefix/bin"

have() { command -v "$1" >/dev/null 2>&1; }

if have xdg-mime && have xdg-desktop-menu \
    && [ -f "$data/applications/journeyeditor.desktop" ]; then
  XDG_DATA_HOME="$data" xdg-desktop-menu uninstall --mode user journeyeditor.desktop || true
fi
if have xdg-mime && [ -f "$data/mime/packages/journeyeditor-mime.xml" ]; then
  XDG_DATA_HOME="$data" xdg-mime uninstall --mode user "$data/mime/packages/journeyeditor-mime.xml" || true
fi
rm -f "$data/applications/journeyeditor.desktop" "$data/mime/packages/journeyeditor-mime.xml" \
  "$data/metainfo/journeyeditor.metainfo.xml"
rm -f "$data"/icons/hicolor/*/apps/journeyeditor.png "$data"/icons/hicolor/*/apps/journeyeditor.svg
if [ -d "$data/mime" ] && have update-mime-database; then
  update-mime-database "$data/mime"
fi
if [ -d "$data/applications" ] && have update-desktop-database; then
  update-desktop-database -q "$data/applications" || true
fi
# The default application xdg-mime set (defaults.list is the older place for it).
for list in "${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list" "$data/applications/defaults.list"; do
  if [ -f "$list" ]; then
    sed -i '/^application\/x-journeyeditor=journeyeditor\.desktop;*$/d' "$list"
  fi
done
if [ -L "$bin/journeyeditor" ]; then
  rm -f "$bin/journeyeditor"
fi
rm -rf "$program"
echo "Journey Editor removed (your projects were not touched)."
