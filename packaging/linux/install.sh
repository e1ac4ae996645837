#!/bin/sh
# Installs Journey Editor for the current user, from the unpacked .tar.gz: the program in
# ~/.local/lib/journeyeditor, the command ~/.local/bin/journeyeditor, the launcher, the
# `.journey` file type (opened by Journey Editor) and the icons under ~/.local/share.
# Needs no root and no Python. Uses the desktop's own tools (xdg-utils) when present,
# else copies the files where the freedesktop.org specifications say and refreshes the
# caches it can. uninstall.sh (also copied beside the program) undoes it all and keeps
# your projects.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${JOURNEYEDITOR_PREFIX:-$HOME/.local}"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
program="$prefix/lib/journeyeditor"
bin="$prefix/bin"
mime_type="application/x-journeyeditor"

have() { command -v "$1" >/dev/null 2>&1; }

if [ ! -x "$here/journeyeditor" ] || [ ! -d "$here/_internal" ]; then
  echo "install.sh: run it from the unpacked Journey Editor folder" >&2
  exit 1
fi

echo "Installing Journey Editor in $program"
if [ -e "$program" ]; then
  rm -rf "$program"
fi
mkdir -p "$program" "$bin"
cp -R "$here/journeyeditor" "$here/_internal" "$here/uninstall.sh" "$here/LICENSE" \
  "$here/THIRD_PARTY_NOTICES.md" "$here/share" "$program/"
ln -sf "$program/journeyeditor" "$bin/journeyeditor"

# The launcher names the installed program by its full path: ~/.local/bin is not on
# every desktop's PATH. A path with spaces is quoted, as the Desktop Entry spec asks.
desktop_file=$(mktemp -d)/journeyeditor.desktop
sed -e "s|^Exec=.*|Exec=\"$program/journeyeditor\" %f|" \
  -e "s|^TryExec=.*||" \
  "$here/share/applications/journeyeditor.desktop" >"$desktop_file"

install_icons() {
  for icon in "$here"/share/icons/hicolor/*/apps/journeyeditor.*; do
    size=$(basename "$(dirname "$(dirname "$icon")")")
    mkdir -p "$data/icons/hicolor/$size/apps"
    cp "$icon" "$data/icons/hicolor/$size/apps/"
  done
  touch "$data/icons/hicolor"  # icon caches look at the folder's time
  if have gtk-update-icon-cache && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -f "$data/icons/hicolor" || true
  fi
}

if have xdg-mime && have xdg-desktop-menu; then
  XDG_DATA_HOME="$data" xdg-mime install --mode user "$here/share/mime/packages/journeyeditor-mime.xml"
  install_icons
  XDG_DATA_HOME="$data" xdg-desktop-menu install --mode user --novendor "$desktop_file"
  XDG_DATA_HOME="$data" xdg-mime default journeyeditor.desktop "$mime_type"
else
  mkdir -p "$data/mime/packages" "$data/applications"
  cp "$here/share/mime/packages/journeyeditor-mime.xml" "$data/mime/packages/"
  if have update-mime-database; then
    update-mime-database "$data/mime"
  fi
  install_icons
  cp "$desktop_file" "$data/applications/journeyeditor.desktop"
fi
# The "Open with" lists read the launchers' MIME types from this cache.
if have update-desktop-database; then
  update-desktop-database -q "$data/applications" || true
fi
mkdir -p "$data/metainfo"
cp "$here/share/metainfo/journeyeditor.metainfo.xml" "$data/metainfo/"
rm -rf "$(dirname "$desktop_file")"

echo "Done. Start it from your applications menu, by opening a .journey file, or as"
echo "  $bin/journeyeditor"
echo "To remove it: $program/uninstall.sh"
