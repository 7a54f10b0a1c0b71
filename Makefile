# Two commands for a fresh machine: `make run` and `make test`.
# Each creates .venv and installs the project into it when missing or out of date.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench clean

LOG := $(VENV)/install.log

# One line before the install; pip's own output goes to $(LOG) and is shown only if it fails.
$(STAMP): pyproject.toml
	@echo "installing thermo-orbit into $(VENV) (about a minute; log: $(LOG))"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --upgrade pip > $(LOG) 2>&1 || { cat $(LOG); exit 1; }
	@$(BIN)/python -m pip install --quiet -e '.[test]' >> $(LOG) 2>&1 || { cat $(LOG); exit 1; }
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/thermo-orbit

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
