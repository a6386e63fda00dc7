# Two entry points, both self-contained on a fresh machine with only Python and pip:
#   make timeline   -> virtual environment, install, build the seed timeline into out/
#   make test       -> virtual environment, install, run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: timeline test lint bench clean figures-check

timeline: $(VENV)/.installed
	$(BIN)/timeline build seeds --out out --highlight "Helsinki,Osaka,Alaska,Budapest"

test: $(VENV)/.installed /usr/bin/chromium /usr/bin/chromedriver
	$(BIN)/python -m pytest

# The HTML page is tested in a real headless browser: Debian's Chromium and its driver.
/usr/bin/chromium /usr/bin/chromedriver:
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -q
	DEBIAN_FRONTEND=noninteractive $(if $(filter 0,$(shell id -u)),,sudo -E) apt-get install -y -q chromium chromium-driver

# The figure as readers see it: the seed build's PNG and SVG, and the HTML page, screenshotted by
# headless Chromium at 1600 and 400 px wide into figures-check/ (look at them).
figures-check: $(VENV)/.installed /usr/bin/chromium
	$(BIN)/python benchmarks/figures_check.py --out figures-check

lint: $(VENV)/.installed
	$(BIN)/ruff check timeline tests benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/tempeval3.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/render.py

# pip's own progress lines (one per package) show what the minute of installing is spent on.
$(VENV)/.installed: pyproject.toml
	@echo "timeline: creating the virtual environment in $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "timeline: upgrading pip"
	$(BIN)/python -m pip install --progress-bar off --upgrade pip
	@echo "timeline: installing timeline and its dependencies (about a minute on a fresh machine)"
	$(BIN)/python -m pip install --progress-bar off -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
