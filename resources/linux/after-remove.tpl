#!/bin/bash
# After-remove script of Portscope's deb and rpm packages (the counterpart of after-install.tpl):
# the `portscope` command and the AppArmor profile go with the package.

launcher='/opt/${sanitizedProductName}/resources/bin/${executable}'
if command -v update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove '${executable}' "$launcher" || true
else
  rm -f '/usr/bin/${executable}'
fi

profile_target='/etc/apparmor.d/${executable}'
if [ -f "$profile_target" ]; then
  if apparmor_status --enabled >/dev/null 2>&1 && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; } &&
    command -v apparmor_parser >/dev/null 2>&1; then
    apparmor_parser --remove "$profile_target" || true
  fi
  rm -f "$profile_target"
fi
