#!/bin/sh
# The `portscope` command of the Linux packages (/usr/bin/portscope links here; see
# after-install.tpl). A window launch runs Portscope as is. A command-line launch (`portscope list
# --format json`, `portscope export out.csv`, `portscope --help`) needs no display and must work
# over SSH and as root, so it starts Electron headless (--ozone-platform=headless) and without
# Chromium's sandbox (--no-sandbox): in CLI mode no web content is ever loaded, and Chromium
# refuses to start as root with its sandbox on. Which launches are CLI launches is decided as
# electron/launch-args.ts decides it; test/integration/linux-launcher.test.ts runs both on one
# table of cases, and checks that the command words below are the CLI's.
here=$(dirname "$(readlink -f "$0")")
app="$here/../../portscope"

is_command() {
  case "$1" in
    list | export | watch | close | kill | whois | agent) return 0 ;;
    *) return 1 ;;
  esac
}

cli=no
previous=
for arg in "$@"; do
  case "$arg" in
    --help | -h)
      cli=yes
      break
      ;;
    '' | - | --) ;;
    -*) ;;
    *)
      # A word right after a switch written without "=" is that switch's value
      # (`--user-data-dir /x`), unless it is a command word.
      case "$previous" in
        -*=* | --) cli=yes ;;
        -*) is_command "$arg" && cli=yes ;;
        *) cli=yes ;;
      esac
      [ "$cli" = yes ] && break
      ;;
  esac
  previous=$arg
done

if [ "$cli" = yes ]; then
  # --ozone-platform=headless last: its "=" keeps the first word the CLI's, as read above.
  exec "$app" --no-sandbox --ozone-platform=headless "$@"
fi
exec "$app" "$@"
