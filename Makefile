# Two entry points for a fresh machine: `make start` and `make test`. Both install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := start
DEMO_VAULT := .coffer/demo
export COFFER_PASSWORD ?= coffer-demo-password

.PHONY: start test deps demo

# npm ci reruns only when the lockfile changed since the last install.
node_modules/.install-stamp: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

deps: node_modules/.install-stamp

start: deps demo

demo:
	@if [ ! -f $(DEMO_VAULT)/vault.keys ]; then ./bin/coffer init --vault $(DEMO_VAULT); fi
	./bin/coffer show --vault $(DEMO_VAULT)

test: deps
	npm run --silent lint
	npm run --silent typecheck
	npm run --silent depcheck
	npm run --silent test:unit
