#!/bin/bash
# After-install script of Portscope's deb and rpm packages (electron-builder.yml, deb and rpm
# afterInstall; electron-builder fills in the executable name and the product folder). It does
# what electron-builder's own after-install script does, but the `portscope` command on the PATH
# is Portscope's launcher (resources/bin/portscope, from resources/linux/portscope-launcher.sh),
# which runs command-line commands headless and without the sandbox, not the Electron binary.

app_dir='/opt/${sanitizedProductName}'
launcher="$app_dir/resources/bin/${executable}"
command_link='/usr/bin/${executable}'

# The command on the PATH, through update-alternatives where the system has it.
if command -v update-alternatives >/dev/null 2>&1; then
  # A plain link left by an older package is replaced by the alternative.
  if [ -L "$command_link" ] && [ "$(readlink "$command_link")" != '/etc/alternatives/${executable}' ]; then
    rm -f "$command_link"
  fi
  update-alternatives --install "$command_link" '${executable}' "$launcher" 100 ||
    ln -sf "$launcher" "$command_link"
else
  ln -sf "$launcher" "$command_link"
fi

# Chromium's sandbox: user namespaces where the kernel lets this user have them, else the setuid
# helper (which must then be root's and mode 4755).
if [ -L /proc/self/ns/user ] && unshare --user true 2>/dev/null; then
  chmod 0755 "$app_dir/chrome-sandbox" || true
else
  chmod 4755 "$app_dir/chrome-sandbox" || true
fi

if command -v update-mime-database >/dev/null 2>&1; then
  update-mime-database /usr/share/mime || true
fi
if command -v update-desktop-database >/dev/null 2>&1; then
  update-desktop-database /usr/share/applications || true
fi

# Ubuntu 24.04 and later let only programs with an AppArmor profile that allows it create user
# namespaces, which Chromium's sandbox needs: install the profile electron-builder generates
# (resources/apparmor-profile) where this AppArmor understands it (its abi 4.0 is unknown to
# Ubuntu 22.04, which needs no profile), and load it unless installing into a chroot.
if apparmor_status --enabled >/dev/null 2>&1; then
  profile="$app_dir/resources/apparmor-profile"
  profile_target='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$profile" >/dev/null 2>&1; then
    cp -f "$profile" "$profile_target"
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } && command -v apparmor_parser >/dev/null 2>&1; then
      apparmor_parser --replace --write-cache --skip-read-cache "$profile_target"
    fi
  else
    echo "Not installing the AppArmor profile: this AppArmor does not support it."
  fi
fi
