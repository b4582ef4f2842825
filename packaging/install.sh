#!/bin/sh
# Install ThinkDesk for the current user (no root): the app under ~/.local/opt/thinkdesk, a
# `thinkdesk` command in ~/.local/bin, and a menu entry with its icon.
#   ./install.sh              install or update
#   ./install.sh --uninstall  remove the app (chats and models in ~/.local/share/thinkdesk stay)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
opt=$HOME/.local/opt/thinkdesk
bin=$HOME/.local/bin
apps=$prefix/applications
icons=$prefix/icons/hicolor

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt" "$bin/thinkdesk" "$apps/thinkdesk.desktop" \
    "$icons/scalable/apps/thinkdesk.svg" "$icons/256x256/apps/thinkdesk.png"
  echo "ThinkDesk removed. Your chats and models are still in $prefix/thinkdesk."
  exit 0
fi

mkdir -p "$opt" "$bin" "$apps" "$icons/scalable/apps" "$icons/256x256/apps"
rm -rf "$opt.new" && cp -a "$here/thinkdesk" "$opt.new" && rm -rf "$opt" && mv "$opt.new" "$opt"
ln -sf "$opt/thinkdesk" "$bin/thinkdesk"
cp "$here/thinkdesk.svg" "$icons/scalable/apps/thinkdesk.svg"
cp "$here/thinkdesk-256.png" "$icons/256x256/apps/thinkdesk.png"
sed "s|^Exec=.*|Exec=\"$opt/thinkdesk\"|" "$here/thinkdesk.desktop" > "$apps/thinkdesk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$apps" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q "$icons" 2>/dev/null || true
echo "ThinkDesk installed: start it from the menu, or run $bin/thinkdesk"
