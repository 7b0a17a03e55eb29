"""A real varnishd with the project's VCL (docs/varnish.vcl), for the Varnish
tests and the spread benchmark."""

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

VCL = Path(__file__).resolve().parents[1] / "docs" / "varnish.vcl"
XKEY = [
    Path("/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so"),
    Path("/usr/lib/aarch64-linux-gnu/varnish/vmods/libvmod_xkey.so"),
    Path("/usr/lib/varnish/vmods/libvmod_xkey.so"),
]


def varnish_installed():
    return shutil.which("varnishd") is not None and any(p.exists() for p in XKEY)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Varnish:
    """varnishd in the foreground with the project's VCL, its backend the given
    port; stopped at the end of the test."""

    def __init__(self, tmp_path, backend_port, storage="malloc,32m", port=None):
        self.port = port or free_port()
        vcl = VCL.read_text().replace('.port = "8000";', f'.port = "{backend_port}";')
        (tmp_path / "test.vcl").write_text(vcl)
        self.process = subprocess.Popen(
            [
                shutil.which("varnishd"),
                "-F",
                "-j",
                "none",
                "-n",
                str(tmp_path / "varnish"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-f",
                str(tmp_path / "test.vcl"),
                "-s",
                "malloc,32m",
                "-T",
                "none",
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.process.stdout.read().decode())
            try:
                # Up, and its probe has found the backend healthy.
                if self.get("/healthz")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()  # never leave a varnishd behind
        raise RuntimeError("varnishd did not start, or the backend is not healthy")

    def get(self, path, cookie=None):
        request = urllib.request.Request(self.url + path)
        if cookie:
            request.add_header("Cookie", cookie)
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
