"""SPARQL servers the remote-store tests start and stop themselves, on 127.0.0.1 only, each
in its own temporary folder (never a system service): ``oxigraph serve`` and Virtuoso 7.

Each can be killed and restarted on the same folder, and bulk-load N-Quads shards with its
own loader. Waits are bounded in time.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

from tests.net import free_port

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt") or shutil.which("isql")
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a new database's own; sent by env, never argv
START_SECONDS = 60


class Server:
    """One server process on a folder."""

    name = "server"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError

    def ping_url(self) -> str:
        raise NotImplementedError

    def start(self) -> Server:
        self.process = subprocess.Popen(self.command(), cwd=self.folder, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.ping_url(), timeout=2):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.process.returncode}") from None
                time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"{self.name} did not answer within {START_SECONDS} s")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def bulk_load(self, shards: Path) -> None:
        raise NotImplementedError


class Oxigraph(Server):
    name = "oxigraph"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [str(OXIGRAPH), "serve", "--location", str(self.folder / "db"), "--bind", f"127.0.0.1:{self.port}"]

    def ping_url(self) -> str:
        return f"{self.url}/query?query=" + urllib.parse.quote("ASK {}")

    def bulk_load(self, shards: Path) -> None:
        """``oxigraph load`` needs the database to itself: stop, load, start again."""
        self.stop()
        files = sorted(str(p) for p in shards.glob("*.nq"))
        subprocess.run([str(OXIGRAPH), "load", "--location", str(self.folder / "db"), "--file", *files],
                       check=True, capture_output=True, timeout=600)
        self.start()


class Virtuoso(Server):
    """``virtuoso-t +foreground`` from a private ini: both ports on 127.0.0.1, its files in
    the folder, ``CaseMode = 2``, and the bulk loader allowed to read ``folder/load``."""

    name = "virtuoso"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.sql_port = free_port()
        self.load_dir = folder / "load"
        self.load_dir.mkdir(exist_ok=True)
        (folder / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {folder}/db.db
ErrorLogFile = {folder}/db.log
LockFile = {folder}/db.lck
TransactionFile = {folder}/db.trx
xa_persistent_file = {folder}/db.pxa
[TempDatabase]
DatabaseFile = {folder}/temp.db
TransactionFile = {folder}/temp.trx
[Parameters]
ServerPort = 127.0.0.1:{self.sql_port}
CaseMode = 2
DirsAllowed = ., {self.load_dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
[HTTPServer]
ServerPort = 127.0.0.1:{self.port}
ServerRoot = {folder}
[Plugins]
""", encoding="utf-8")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def command(self) -> list[str]:
        return [str(VIRTUOSO), "+foreground", "+configfile", str(self.folder / "virtuoso.ini")]

    def ping_url(self) -> str:
        return f"{self.url}?query=" + urllib.parse.quote("ASK {}")

    def isql(self, sql: str) -> str:
        """Run SQL as dba; the password goes through standard input, never the command line."""
        done = subprocess.run([str(ISQL), f"127.0.0.1:{self.sql_port}", VIRTUOSO_USER, f"EXEC={sql}"],
                              input=VIRTUOSO_PASSWORD + "\n", capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {(done.stdout + done.stderr)[-500:]}")
        return done.stdout

    def bulk_load(self, shards: Path) -> None:
        """``ld_dir`` + ``rdf_loader_run()`` + ``checkpoint``; the shards are copied where DirsAllowed lets it read."""
        for shard in sorted(shards.glob("*.nq")):
            shutil.copy(shard, self.load_dir / shard.name)
        self.isql(f"ld_dir('{self.load_dir}', '*.nq', 'urn:newsgraph:unused'); rdf_loader_run(); checkpoint;")
        failed = self.isql("SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;")
        if "0 Rows" not in failed:
            raise RuntimeError(f"the bulk loader failed: {failed[-500:]}")


SERVERS = {"oxigraph": Oxigraph, "virtuoso": Virtuoso}


def available(name: str) -> bool:
    return bool(OXIGRAPH.exists() if name == "oxigraph" else VIRTUOSO and ISQL)
