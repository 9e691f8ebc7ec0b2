"""The `meldpunt` command (typer): thin entry points that build commands and call the bus."""
