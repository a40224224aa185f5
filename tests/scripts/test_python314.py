"""scripts/python314: which Python 3.14 a fresh clone runs under, and how the root is set up.

Fake `python3.14` and `uv` executables on a temporary PATH stand for the machines the script
meets (a good or too old python3.14, uv that installs, fails or hangs). The root file system is
not built here (debootstrap takes minutes and root): its inputs are, the apt sources it takes
the mirror from and the pip settings it carries inside.
"""

from __future__ import annotations

import os
from pathlib import Path
import subprocess
import time
from typing import Any

import pytest

from scripts import obtain_python
from scripts.obtain_python import Choice, choose, filter_pip_conf, filter_sources

ENTRY = Path(__file__).parents[2] / "scripts" / "python314"


def executable(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def fake_python(path: Path, version: str) -> Path:
    """A python that only reports its version, as `print(*sys.version_info[:3])` does."""
    return executable(path, f'echo "{version}"')


@pytest.fixture
def machine(tmp_path: Path):
    """A PATH folder, the clone's .python314 folder, and a log of what uv was asked."""

    class Machine:
        bin = tmp_path / "bin"
        state = tmp_path / "clone" / ".python314"
        uv_log = tmp_path / "uv.log"
        uv_python = fake_python(tmp_path / "uv-pythons" / "cpython-3.14" / "python3.14", "3 14 10")

        def uv(self, install: str) -> None:
            """uv on the PATH; `install` is what `uv python install` does."""
            executable(
                self.bin / "uv",
                f'echo "$*" >>{self.uv_log}\n'
                'case "$1 $2" in\n'
                f'  "python install") {install} ;;\n'
                f'  "python find") echo {self.uv_python} ;;\n'
                "esac",
            )

        def uv_calls(self) -> list[str]:
            if not self.uv_log.exists():
                return []
            return self.uv_log.read_text(encoding="utf-8").splitlines()

        def choose(self, **kwargs) -> Choice:
            options: dict[str, Any] = {"retry": False, "as_root": False, "debian": True}
            options.update(kwargs)
            return choose(state=self.state, path=str(self.bin), **options)

    Machine.bin.mkdir()
    return Machine()


def test_a_good_python314_on_the_path_runs_the_command(machine) -> None:
    python = fake_python(machine.bin / "python3.14", "3 14 2")
    machine.uv("exit 0")

    assert machine.choose() == Choice("path", str(python))
    assert machine.uv_calls() == []


def test_a_too_old_python314_is_passed_over_for_uvs(machine, capsys) -> None:
    fake_python(machine.bin / "python3.14", "3 14 1")
    machine.uv("exit 0")

    choice = machine.choose()

    link = machine.state / "bin" / "python3.14"
    assert choice == Choice("uv", str(link))
    assert link.resolve() == machine.uv_python
    assert machine.uv_calls() == ["python install 3.14", "python find 3.14"]
    assert "no python3.14 (>= 3.14.2) on the PATH" in capsys.readouterr().err
    # Later runs find uv's Python through the link, without asking uv again.
    assert machine.choose() == Choice("uv", str(link))
    assert len(machine.uv_calls()) == 2


def test_python315_is_not_taken_for_314(machine) -> None:
    fake_python(machine.bin / "python3.14", "3 15 0")
    machine.uv("exit 1")

    assert machine.choose().how == "none"


def test_uv_failing_is_remembered_and_retried_on_request(machine, capsys) -> None:
    machine.uv('echo "error: failed to lookup address information" >&2; exit 1')

    assert machine.choose() == Choice("none")

    marker = machine.state / "uv-failed"
    assert "failed to lookup address information" in marker.read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "uv could not provide Python 3.14" in err
    assert f"remembered in {marker}" in err
    assert "needs root" in err
    assert len(machine.uv_calls()) == 1

    # The next run goes on without trying uv, and says so.
    assert machine.choose(as_root=True) == Choice("root")
    assert len(machine.uv_calls()) == 1
    assert "not trying uv: it failed before" in capsys.readouterr().err

    # --retry tries again; a success forgets the failure.
    machine.uv("exit 0")
    assert machine.choose(retry=True).how == "uv"
    assert len(machine.uv_calls()) == 3
    assert not marker.exists()


def test_uv_that_hangs_is_cut_off(machine, capsys) -> None:
    machine.uv("sleep 30")

    started = time.monotonic()
    assert machine.choose(uv_timeout=1.0) == Choice("none")

    assert time.monotonic() - started < 10
    assert "did not finish within 1 s" in (machine.state / "uv-failed").read_text(encoding="utf-8")
    assert "did not finish within 1 s" in capsys.readouterr().err


def test_without_uv_it_is_installed_into_the_clone_and_a_failure_remembered(
    machine, tmp_path, capsys
) -> None:
    host_python = executable(tmp_path / "python3", 'echo "No module named venv" >&2; exit 1')

    assert machine.choose(host_python=str(host_python)) == Choice("none")

    err = capsys.readouterr().err
    assert f"installing it with {host_python} into {machine.state / 'uv-venv'}" in err
    assert "creating uv's venv failed: No module named venv" in (
        machine.state / "uv-failed"
    ).read_text(encoding="utf-8")


def test_the_root_file_system_only_as_root_on_debian(machine, capsys) -> None:
    machine.uv("exit 1")

    assert machine.choose(as_root=True, debian=True) == Choice("root")
    assert machine.choose(as_root=True, debian=False) == Choice("none")
    assert "not Debian" in capsys.readouterr().err
    assert machine.choose(as_root=False, debian=True) == Choice("none")
    assert "needs root" in capsys.readouterr().err


# ---------------------------------------------------------------- the entry script


def test_the_entry_runs_the_command_directly_under_a_good_python314(machine) -> None:
    fake_python(machine.bin / "python3.14", "3 14 2")
    env = {**os.environ, "PATH": f"{machine.bin}:/usr/bin:/bin"}

    done = subprocess.run(
        [str(ENTRY), "sh", "-c", "echo ran; command -v python3.14"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )

    assert done.stdout.split() == ["ran", str(machine.bin / "python3.14")]
    assert done.stderr == ""
    have = [str(ENTRY), "--have"]
    assert subprocess.run(have, env=env, check=False).returncode == 0
    fake_python(machine.bin / "python3.14", "3 14 1")
    assert subprocess.run(have, env=env, check=False).returncode == 1


# ---------------------------------------------------------------- the mirror from apt's sources


def test_the_mirror_comes_from_deb822_sources(tmp_path) -> None:
    sources = tmp_path / "debian.sources"
    sources.write_text(
        "Types: deb\n"
        "URIs: http://security.debian.org/debian-security\n"
        "Suites: bookworm-security\n"
        "Components: main\n"
        "\n"
        "Types: deb-src\n"
        "URIs: http://src.example.org/debian\n"
        "Suites: bookworm\n"
        "\n"
        "Enabled: no\n"
        "Types: deb\n"
        "URIs: http://off.example.org/debian\n"
        "Suites: bookworm\n"
        "\n"
        "Types: deb\n"
        "# http://snapshot.debian.org/archive/debian/20250520T000000Z\n"
        "URIs: http://ftp.fr.debian.org/debian/\n"
        "Suites: bookworm bookworm-updates\n"
        "Components: main\n",
        encoding="utf-8",
    )
    third_party = tmp_path / "nodesource.sources"
    third_party.write_text(
        "Types: deb\nURIs: https://deb.nodesource.com/node_20.x\nSuites: nodistro\n",
        encoding="utf-8",
    )

    found = obtain_python.mirror_from_sources([third_party, sources])

    assert found == "http://ftp.fr.debian.org/debian"


def test_the_mirror_comes_from_one_line_sources(tmp_path) -> None:
    listing = tmp_path / "sources.list"
    listing.write_text(
        "# deb http://commented.example.org/debian bookworm main\n"
        "deb-src http://src.example.org/debian bookworm main\n"
        "deb http://security.debian.org/debian-security bookworm-security main\n"
        "deb [arch=amd64 signed-by=/usr/share/keyrings/debian.gpg] "
        "https://mirror.example.org/debian bookworm main  # the local mirror\n",
        encoding="utf-8",
    )

    found = obtain_python.mirror_from_sources([tmp_path / "missing.sources", listing])

    assert found == "https://mirror.example.org/debian"


def test_no_debian_mirror_in_the_sources(tmp_path) -> None:
    listing = tmp_path / "sources.list"
    listing.write_text("deb https://deb.nodesource.com/node_20.x nodistro main\n", "utf-8")

    assert obtain_python.mirror_from_sources([listing]) is None


def test_apt_source_files_in_apts_order(tmp_path) -> None:
    (tmp_path / "sources.list.d").mkdir()
    for name in ("b.sources", "a.sources", "c.list", "d.list.disabled"):
        (tmp_path / "sources.list.d" / name).touch()

    files = obtain_python.apt_source_files(tmp_path)

    assert [file.relative_to(tmp_path).as_posix() for file in files] == [
        "sources.list.d/a.sources",
        "sources.list.d/b.sources",
        "sources.list",
        "sources.list.d/c.list",
    ]


# ---------------------------------------------------------------- pip's settings inside the root


def test_pip_settings_keep_local_sources_that_exist_and_mount_them(tmp_path) -> None:
    wheels = tmp_path / "wheels"
    index = tmp_path / "pypi" / "simple"
    index.mkdir(parents=True)
    wheels.mkdir()
    conf = (
        "[global]\n"
        f"find-links = {wheels} /nowhere/wheels\n"
        "extra-index-url =\n"
        f"    file://{index}\n"
        "    file:///nowhere/pypi/simple\n"
        "    https://pypi.example.org/simple\n"
        "cert = /etc/ssl/certs/ca-certificates.crt\n"
        "index_url = file:///nowhere/simple\n"
        "timeout = 30\n"
    )

    text, mounts = filter_pip_conf(conf)

    assert text == (
        "[global]\n"
        f"find-links = {wheels}\n"
        f"extra-index-url = file://{index} https://pypi.example.org/simple\n"
        "cert = /etc/ssl/certs/ca-certificates.crt\n"
        "timeout = 30\n"
    )
    # A local index's pages link to files beside ".../simple": its parent is mounted.
    assert mounts == [str(wheels), str(tmp_path / "pypi")]


def test_pip_sources_from_the_environment(tmp_path) -> None:
    assert filter_sources(f"{tmp_path} /nowhere") == (str(tmp_path), [str(tmp_path)])
    assert filter_sources("/nowhere file:///nowhere/simple") == ("", [])
    assert filter_sources("https://pypi.org/simple") == ("https://pypi.org/simple", [])


def test_sync_host_config_drops_missing_sources_from_the_environment(tmp_path) -> None:
    root = tmp_path / "root"
    (root / "etc" / "ssl" / "certs").mkdir(parents=True)
    env = {"PIP_FIND_LINKS": "/nowhere/wheels", "UV_FIND_LINKS": str(tmp_path), "HOME": "/x"}

    mounts = obtain_python.sync_host_config(root, env)

    assert env == {"UV_FIND_LINKS": str(tmp_path), "HOME": "/x"}
    assert str(tmp_path) in mounts
    if Path("/etc/resolv.conf").exists():  # name resolution inside is the host's
        assert (root / "etc/resolv.conf").read_bytes() == Path("/etc/resolv.conf").read_bytes()


def test_the_root_is_kept_where_the_environment_says() -> None:
    assert obtain_python.default_root({}) == Path("/var/cache/xivo-home-assistant/python314-root")
    assert obtain_python.default_root({"XIVO_PYTHON314_ROOT": "/srv/py"}) == Path("/srv/py")


def test_a_clone_it_cannot_write_to_tries_uv_again_next_time(machine, capsys) -> None:
    machine.uv("exit 1")
    machine.state.parent.mkdir()
    machine.state.write_text("a file where the folder should be", encoding="utf-8")

    assert machine.choose() == Choice("none")

    assert "cannot remember it" in capsys.readouterr().err
    machine.choose()
    assert len(machine.uv_calls()) == 2
