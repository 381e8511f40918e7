# Two entry points for a fresh machine: `make start` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := start
DEMO_VAULT := .coffer/demo
# Where `make start` saves the unlocked dashboard when there is no display to show the window on.
DEMO_SCREENSHOT := .coffer/demo-dashboard.png
# The demo vault's password is published (src/app/demo/seedDemoVault.ts); never use it for real data.
DEMO := COFFER_PASSWORD='coffer demo password'

.PHONY: start test deps desktop-deps demo demo-vault

# npm ci reruns only when the lockfile changed since the last install.
node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

deps: node_modules/.install-stamp

# The desktop window needs a Chromium-family browser, and Xvfb to draw without a display (CI, SSH);
# the end-to-end tests answer the browser's own save dialog with xdotool.
# As root on Debian they are installed; anywhere else the command to run is printed.
desktop-deps:
	@missing=""; \
	if [ -z "$$COFFER_CHROMIUM" ] && ! command -v chromium >/dev/null && ! command -v chromium-browser >/dev/null \
	  && ! command -v google-chrome >/dev/null && ! command -v microsoft-edge >/dev/null; then missing="chromium"; fi; \
	if ! command -v Xvfb >/dev/null; then missing="$$missing xvfb"; fi; \
	if ! command -v xdotool >/dev/null; then missing="$$missing xdotool"; fi; \
	missing="$$(echo $$missing)"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing $$missing from Debian…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "The desktop window needs $$missing. Install with: sudo apt-get install -y $$missing (or set COFFER_CHROMIUM)" >&2; exit 1; \
	  fi; \
	fi

# Alice's demo vault, created once.
demo-vault: deps
	@if [ ! -f $(DEMO_VAULT)/vault.keys ]; then ./bin/coffer demo seed --vault $(DEMO_VAULT) --user alice; fi

# Opens the window on the demo vault (the window asks for the password: coffer demo password). With no
# display, draws under Xvfb, saves the unlocked dashboard and prints where.
start: deps desktop-deps demo-vault
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
	  echo "Opening the Coffer window on $(DEMO_VAULT); the demo password is: coffer demo password"; \
	  ./bin/coffer app --vault $(DEMO_VAULT); \
	else \
	  echo "No display: drawing the window under Xvfb and saving the unlocked dashboard…"; \
	  $(DEMO) ./bin/coffer app --vault $(DEMO_VAULT) --screenshot $(DEMO_SCREENSHOT) --exit; \
	fi

# What the demo vault holds, on the command line.
demo: demo-vault
	@$(DEMO) ./bin/coffer show --vault $(DEMO_VAULT)
	@echo
	@$(DEMO) ./bin/coffer accounts list --vault $(DEMO_VAULT)
	@echo
	@$(DEMO) ./bin/coffer payments list --vault $(DEMO_VAULT)
	@echo
	@$(DEMO) ./bin/coffer audit verify --vault $(DEMO_VAULT)

# The security scans (docs/security.md, "Scanning in CI") run after lint and before the tests; the desktop
# end-to-end tests start their own Xvfb, so they need no DISPLAY and no TTY.
test: deps desktop-deps
	npm run --silent lint
	npm run --silent scan
	npm run --silent typecheck
	npm run --silent depcheck
	npm run --silent test:unit
	npm run --silent test:desktop
