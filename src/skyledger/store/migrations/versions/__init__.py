"""One file per schema revision; see docs/development.md for how to add one."""
