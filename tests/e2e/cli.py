"""Running the installed `meldpunt` command as a subprocess against a private SQLite file."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MELDPUNT = str(Path(sys.executable).with_name("meldpunt"))


@dataclass
class Cli:
    tmp: Path
    actor: str | None = None  # MELDPUNT_ACTOR: who the commands act as, unless --actor says
    language: str | None = None  # MELDPUNT_LANGUAGE: Dutch unless it says otherwise
    settings: dict[str, str] = field(default_factory=dict)  # other MELDPUNT_* for every run

    @property
    def database(self) -> Path:
        return self.tmp / "meldpunt.db"

    @property
    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MELDPUNT_")}
        env.update(
            MELDPUNT_DATABASE_URL=f"sqlite:///{self.database}",
            MELDPUNT_KEY_FILE=str(self.tmp / "meldpunt.key"),
            MELDPUNT_SUBJECT_KEY_FILE=str(self.tmp / "meldpunt.subject.key"),
            MELDPUNT_LOG_JSON="true",
            COLUMNS="200",  # readable tables are not cut to 80 columns in a pipe
        )
        if self.actor is not None:
            env["MELDPUNT_ACTOR"] = self.actor
        if self.language is not None:
            env["MELDPUNT_LANGUAGE"] = self.language
        return {**env, **self.settings}

    def run(self, *args: str, expect: int | None = 0) -> subprocess.CompletedProcess[str]:
        """Run `meldpunt ARGS`; it must exit with `expect` (None: with any code)."""
        done = subprocess.run(
            [MELDPUNT, *args],
            env=self.env,
            cwd=self.tmp,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert expect is None or done.returncode == expect, (
            f"meldpunt {' '.join(args)} exited {done.returncode}, expected {expect}\n"
            f"stdout: {done.stdout}\nstderr: {done.stderr}"
        )
        return done

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json").stdout)

    def popen(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [MELDPUNT, *args],
            env=self.env,
            cwd=self.tmp,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
