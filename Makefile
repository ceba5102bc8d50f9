# EcoSafe: `make run` brings the platform up locally, `make test` runs the whole test suite on the real stack.
SHELL := /bin/bash
PYTHON := .venv/bin/python
PIP := .venv/bin/pip
BASE_PYTHON ?= python3.11
SERVICES := hazard enforcement risk-map notify
PYPROJECTS := libs/kit/pyproject.toml libs/events/pyproject.toml libs/demo/pyproject.toml $(foreach s,$(SERVICES),services/$(s)/pyproject.toml)

.PHONY: help install venv stack-install web run stop status test test-unit bench bench-risk-map bench-tipg-venv bench-es-venv token proto proto-check

help:
	@echo "make run    - 本地启动整个平台 (PostgreSQL/PostGIS, Kafka, 全部服务) 并打印地址"
	@echo "make stop   - 停止 make run 启动的一切"
	@echo "make web    - 构建前端页面到 web/dist (pinned npm 包, 仅在源文件变化时重建)"
	@echo "make test   - 安装缺少的依赖, 在测试端口启动同一套栈, 运行全部测试, 然后停止"
	@echo "make bench  - 运行 bench/ 下的事件存储基准测试"
	@echo "make bench-risk-map - 风险一张图基准 (省级合成数据, 与 geopandas+networkx 基线及 tipg 对比)"
	@echo "make token ARGS='--sub u1 --role county_officer --jurisdiction 140525' - 签发本地令牌"

include proto/Makefile.fragment

# ---------------------------------------------------------------- installation
venv: .venv/.installed

# Checks pip, not python: a venv made where ensurepip was missing has a python but no pip, and is made again.
.venv/.installed: requirements/constraints.txt requirements/test-no-deps.txt $(PYPROJECTS)
	test -x $(PIP) || { BASE_PYTHON=$(BASE_PYTHON) deploy/local/install.sh python && $(BASE_PYTHON) -m venv --clear .venv; }
	$(PIP) install -q --disable-pip-version-check -r requirements/constraints.txt
	$(PIP) install -q --disable-pip-version-check --no-deps -r requirements/test-no-deps.txt
	$(PIP) install -q --disable-pip-version-check --no-build-isolation --no-deps \
		-e libs/kit -e libs/events -e libs/demo $(foreach s,$(SERVICES),-e services/$(s))
	touch $@

stack-install:
	deploy/local/install.sh

install: venv stack-install

# ---------------------------------------------------------------- web pages
# Rebuilt only when a source, the build script or the pinned packages change; npm ci installs exactly the lock.
WEB_SOURCES := $(shell find web/src -type f 2>/dev/null)

web: web/dist/.built

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	touch $@

web/dist/.built: web/node_modules/.installed web/build.mjs $(WEB_SOURCES)
	cd web && node build.mjs
	touch $@

# ---------------------------------------------------------------- running
# Only make run's demo stack offers the demo sign-in (the gateway's /config.json says so).
run: install web
	ECOSAFE_STACK=run deploy/local/stack.sh start
	ECOSAFE_STACK=run $(PYTHON) deploy/local/services.py start
	$(PYTHON) -m ecosafe_demo.load
	ECOSAFE_DEMO_SIGNIN_ENABLED=true ECOSAFE_STACK=run $(PYTHON) deploy/local/gateway.py start
	@echo "打开 http://127.0.0.1:8000/"

stop:
	-ECOSAFE_STACK=run $(PYTHON) deploy/local/gateway.py stop
	-ECOSAFE_STACK=run $(PYTHON) deploy/local/services.py stop
	ECOSAFE_STACK=run deploy/local/stack.sh stop

status:
	-ECOSAFE_STACK=run deploy/local/stack.sh status
	-ECOSAFE_STACK=run $(PYTHON) deploy/local/services.py status
	ECOSAFE_STACK=run $(PYTHON) deploy/local/gateway.py status

token: venv
	.venv/bin/ecosafe-token $(ARGS)

# ---------------------------------------------------------------- tests and benchmarks
# The test stack is stopped afterwards only if this run started it, so a developer's running one survives.
test: install web
	@was_running=0; ECOSAFE_STACK=test deploy/local/stack.sh status >/dev/null 2>&1 && was_running=1; \
	ECOSAFE_STACK=test deploy/local/stack.sh start || exit 1; \
	$(PYTHON) -m pytest $(PYTEST_ARGS); status=$$?; \
	[ $$was_running = 1 ] || ECOSAFE_STACK=test deploy/local/stack.sh stop; \
	exit $$status

test-unit: venv
	$(PYTHON) -m pytest tests/unit $(PYTEST_ARGS)

bench: install bench-es-venv
	@was_running=0; ECOSAFE_STACK=test deploy/local/stack.sh status >/dev/null 2>&1 && was_running=1; \
	ECOSAFE_STACK=test deploy/local/stack.sh start || exit 1; \
	$(PYTHON) bench/event_store.py $(BENCH_ARGS); status=$$?; \
	[ $$was_running = 1 ] || ECOSAFE_STACK=test deploy/local/stack.sh stop; \
	exit $$status

# tipg is a benchmark-only dependency with pins of its own, so it lives in a venv of its own.
bench-tipg-venv: .venv-tipg/.installed

.venv-tipg/.installed: requirements/bench-tipg.txt
	test -x .venv-tipg/bin/python || $(BASE_PYTHON) -m venv .venv-tipg
	.venv-tipg/bin/pip install -q --disable-pip-version-check -r requirements/bench-tipg.txt
	touch $@

# The eventsourcing library's recorder, a variant of bench/event_store.py, likewise has pins of its own.
bench-es-venv: .venv-es/.installed

.venv-es/.installed: requirements/bench-es.txt
	test -x .venv-es/bin/python || $(BASE_PYTHON) -m venv .venv-es
	.venv-es/bin/pip install -q --disable-pip-version-check -r requirements/bench-es.txt
	touch $@

bench-risk-map: install bench-tipg-venv
	@was_running=0; ECOSAFE_STACK=test deploy/local/stack.sh status >/dev/null 2>&1 && was_running=1; \
	ECOSAFE_STACK=test deploy/local/stack.sh start || exit 1; \
	$(PYTHON) bench/risk_map_bench.py $(BENCH_ARGS); status=$$?; \
	[ $$was_running = 1 ] || ECOSAFE_STACK=test deploy/local/stack.sh stop; \
	exit $$status
