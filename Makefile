# Two entry points, both self-contained on a fresh machine with only Python and pip:
#   make timeline   -> virtual environment, install, build the seed timeline into out/
#   make test       -> virtual environment, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: timeline test lint bench clean

timeline: $(VENV)/.installed
	$(BIN)/timeline build seeds --out out --highlight "Helsinki,Osaka,Alaska,Budapest"

test: $(VENV)/.installed /usr/bin/chromium /usr/bin/chromedriver
	$(BIN)/python -m pytest

# The HTML page is tested in a real headless browser: Debian's Chromium and its driver.
/usr/bin/chromium /usr/bin/chromedriver:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -q
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo -E) apt-get install -y -q chromium chromium-driver

lint: $(VENV)/.installed
	$(BIN)/ruff check timeline tests benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/tempeval3.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/render.py

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
