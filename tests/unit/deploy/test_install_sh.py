"""deploy/local/install.sh installs Java 17, Maven and (`install.sh python`) Python 3.11's venv with apt-get when missing."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LOCAL = ROOT / "deploy" / "local"
# What install.sh (and the stubs) run besides java, mvn and apt-get; linked into a PATH of its own without java and mvn.
TOOLS = ("bash", "dirname", "sed", "rm", "mkdir", "cat", "date", "du", "cut", "touch", "cp", "chmod")

# Records its arguments; "install" puts stub java/mvn commands on PATH, as the real packages would.
APT_GET = """#!/bin/bash
echo "$*" >> "$STUB_LOG"
[[ $1 == install ]] || exit 0
for package in "$@"; do
  case $package in
    openjdk-17-jre-headless) printf '#!/bin/bash\\necho "java $*" >> "$STUB_LOG"\\n' > "$STUB_BIN/java" ;;
    maven) cp "$STUB_BIN/.mvn" "$STUB_BIN/mvn" ;;
    python3.11) cp "$STUB_BIN/.python" "$STUB_BIN/python3.11" ;;
    python3.11-venv) touch "$STUB_BIN/.has-venv" ;;
    nodejs|npm|nginx-light|chromium|fonts-wqy-microhei) touch "$STUB_BIN/.web-$package" ;;
  esac
  chmod +x "$STUB_BIN"/* 2>/dev/null
done
"""
# A python3.11 whose `import ensurepip, venv` works only once python3.11-venv is "installed", as on Debian.
PYTHON = """#!/bin/bash
echo "python3.11 $*" >> "$STUB_LOG"
[[ -f $STUB_BIN/.has-venv ]]
"""
# Copies the jars install.sh checks for into -DoutputDirectory, as dependency:copy-dependencies would.
MVN = """#!/bin/bash
echo "mvn $*" >> "$STUB_LOG"
for arg in "$@"; do [[ $arg == -DoutputDirectory=* ]] && out=${arg#-DoutputDirectory=}; done
v=$KAFKA_VERSION
for jar in kafka_2.13 kafka-metadata kafka-server kafka-server-common kafka-raft kafka-clients kafka-storage \\
           kafka-group-coordinator; do touch "$out/$jar-$v.jar"; done
touch "$out/log4j-core-2.24.3.jar" "$out/log4j-slf4j-impl-2.24.3.jar"
"""


@pytest.fixture()
def fresh_machine(tmp_path: Path, local_kafka_version: str):
    """A copy of deploy/local in a repository of its own, and a PATH with neither java nor mvn."""
    local = tmp_path / "repo" / "deploy" / "local"
    (local / "kafka").mkdir(parents=True)
    for name in ("install.sh", "common.sh", "kafka/pom.xml"):
        shutil.copy2(LOCAL / name, local / name)
    stub_bin = tmp_path / "bin"
    stub_bin.mkdir()
    for tool in TOOLS:
        (stub_bin / tool).symlink_to(shutil.which(tool))
    (stub_bin / "apt-get").write_text(APT_GET)
    (stub_bin / ".mvn").write_text(MVN)
    (stub_bin / ".python").write_text(PYTHON)
    (stub_bin / ".python").chmod(0o755)
    (stub_bin / "apt-get").chmod(0o755)
    (stub_bin / ".mvn").chmod(0o755)
    log = tmp_path / "calls.log"
    log.touch()
    env = {"PATH": str(stub_bin), "STUB_BIN": str(stub_bin), "STUB_LOG": str(log),
           "KAFKA_VERSION": local_kafka_version, "HOME": str(tmp_path), **_web_tools(stub_bin)}
    return local, stub_bin, log, env


def _web_tools(stub_bin: Path) -> dict[str, str]:
    """node, npm, nginx, chromium and a CJK font, as on a machine that has them (the tests below remove them)."""
    for name in ("node", "npm", "nginx", "chromium"):
        (stub_bin / name).write_text("#!/bin/bash\n")
        (stub_bin / name).chmod(0o755)
    (stub_bin / "fc-list").write_text("#!/bin/bash\necho '/usr/share/fonts/wqy-microhei.ttc: WenQuanYi Micro Hei'\n")
    (stub_bin / "fc-list").chmod(0o755)
    (stub_bin / "grep").symlink_to(shutil.which("grep"))
    return {"ECOSAFE_NGINX": str(stub_bin / "nginx"), "ECOSAFE_CHROMIUM": str(stub_bin / "chromium")}


def _run(local: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(local / "install.sh"), *args], env=env, capture_output=True, text=True,
                          timeout=60)


def _apt_calls(log: Path) -> list[str]:
    return [line for line in log.read_text().splitlines() if not line.startswith(("java ", "mvn ", "python3.11 "))]


pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="install.sh installs with apt-get only as root")


def test_installs_java_and_maven_with_apt_when_both_are_missing(fresh_machine):
    local, _, log, env = fresh_machine
    result = _run(local, env)
    assert result.returncode == 0, result.stderr
    assert _apt_calls(log) == ["update -q", "install -y -q openjdk-17-jre-headless maven"]
    # The freshly installed commands are the ones used afterwards: Maven fetched the jars, Java checked them.
    calls = log.read_text()
    assert "mvn -q -B" in calls and "java -cp" in calls
    assert "java/maven: installing openjdk-17-jre-headless maven" in result.stdout


def test_installs_only_java_when_the_kafka_jars_are_already_fetched(fresh_machine, local_kafka_version):
    local, _, log, env = fresh_machine
    marker = local.parents[1] / ".local" / "kafka-libs" / local_kafka_version / ".complete"
    marker.parent.mkdir(parents=True)
    marker.touch()
    result = _run(local, env)
    assert result.returncode == 0, result.stderr
    assert _apt_calls(log) == ["update -q", "install -y -q openjdk-17-jre-headless"]


def test_calls_no_apt_get_when_java_and_maven_are_there(fresh_machine):
    local, stub_bin, log, env = fresh_machine
    (stub_bin / "java").write_text('#!/bin/bash\necho "java $*" >> "$STUB_LOG"\n')
    shutil.copy2(stub_bin / ".mvn", stub_bin / "mvn")
    (stub_bin / "java").chmod(0o755)
    result = _run(local, env)
    assert result.returncode == 0, result.stderr
    assert _apt_calls(log) == []
    assert "java/maven: nothing to install" in result.stdout


# `make run` on a fresh Debian 12: python3.11 is there but not its venv module, so `python3.11 -m venv` made a .venv
# without pip and the next step failed. The Makefile runs `install.sh python` before it makes the venv.
def test_python_installs_python_with_its_venv_module_when_missing(fresh_machine):
    local, _, log, env = fresh_machine
    result = _run(local, env, "python")
    assert result.returncode == 0, result.stderr
    # Only Python: neither PostgreSQL, Java nor Kafka is looked at in this mode.
    assert _apt_calls(log) == ["update -q", "install -y -q python3.11 python3.11-venv"]
    assert "installing python3.11 python3.11-venv" in result.stdout


def test_python_installs_the_venv_module_when_python_lacks_it(fresh_machine):
    local, stub_bin, log, env = fresh_machine
    shutil.copy2(stub_bin / ".python", stub_bin / "python3.11")
    result = _run(local, env, "python")
    assert result.returncode == 0, result.stderr
    assert _apt_calls(log) == ["update -q", "install -y -q python3.11 python3.11-venv"]


def test_python_calls_no_apt_get_when_python_has_its_venv_module(fresh_machine):
    local, stub_bin, log, env = fresh_machine
    shutil.copy2(stub_bin / ".python", stub_bin / "python3.11")
    (stub_bin / ".has-venv").touch()
    result = _run(local, env, "python")
    assert result.returncode == 0, result.stderr
    assert _apt_calls(log) == []
    assert "python: python3.11 with venv already installed" in result.stdout


def test_the_makefile_makes_the_venv_after_install_sh_python():
    recipe = subprocess.run(["make", "-s", "-n", "-B", "-C", str(ROOT), ".venv/.installed"],
                            capture_output=True, text=True, timeout=30).stdout.splitlines()[0]
    assert recipe.startswith("test -x .venv/bin/pip ||"), recipe
    assert recipe.index("deploy/local/install.sh python") < recipe.index("-m venv --clear .venv"), recipe


# The web pages need Node.js and npm to build, nginx for the gateway, chromium and a CJK font for the browser tests.
def test_installs_node_npm_nginx_chromium_and_a_cjk_font_when_missing(fresh_machine):
    local, stub_bin, log, env = fresh_machine
    (stub_bin / "java").write_text('#!/bin/bash\necho "java $*" >> "$STUB_LOG"\n')
    (stub_bin / "java").chmod(0o755)
    shutil.copy2(stub_bin / ".mvn", stub_bin / "mvn")
    for name in ("node", "npm", "nginx", "chromium", "fc-list"):
        (stub_bin / name).unlink()
    # apt-get "installs" them by leaving the commands where they will be looked for.
    (stub_bin / "apt-get").write_text(APT_GET.replace(
        'touch "$STUB_BIN/.web-$package" ;;',
        'for c in node npm nginx chromium; do printf "#!/bin/bash\\n" > "$STUB_BIN/$c"; done ;;'))
    result = _run(local, env)
    assert result.returncode == 0, result.stderr
    assert _apt_calls(log) == ["update -q", "install -y -q nodejs npm nginx-light chromium fonts-wqy-microhei"]
