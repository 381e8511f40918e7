# Two entry points for a fresh machine: `make start` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := start
DEMO_VAULT := .coffer/demo
# The demo vault's password is published (src/app/demo/seedDemoVault.ts); never use it for real data.
DEMO := COFFER_PASSWORD='coffer demo password'

.PHONY: start test deps demo

# npm ci reruns only when the lockfile changed since the last install.
node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

deps: node_modules/.install-stamp

start: deps demo

# Until the desktop window exists, `start` creates alice's demo vault (once) and shows what it holds.
demo:
	@if [ ! -f $(DEMO_VAULT)/vault.keys ]; then ./bin/coffer demo seed --vault $(DEMO_VAULT) --user alice; fi
	@$(DEMO) ./bin/coffer show --vault $(DEMO_VAULT)
	@echo
	@$(DEMO) ./bin/coffer accounts list --vault $(DEMO_VAULT)
	@echo
	@$(DEMO) ./bin/coffer payments list --vault $(DEMO_VAULT)
	@echo
	@$(DEMO) ./bin/coffer audit verify --vault $(DEMO_VAULT)

# The security scans (docs/security.md, "Scanning in CI") run after lint and before the tests.
test: deps
	npm run --silent lint
	npm run --silent scan
	npm run --silent typecheck
	npm run --silent depcheck
	npm run --silent test:unit
