"""Exposure assertions on the example app (main.py), in pytest, against the built wheel of
cdk8s-expose: what a Python team writes in its own tests. The summary is pinned with syrupy
(__snapshots__/test_exposure.ambr). The Python blocks of docs/testing.md run here too, each as a
pytest file of its own.

Run by scripts/test-languages.sh: python -m pytest examples/python/test_exposure.py
"""
import pathlib
import re
import subprocess
import sys

import pytest

from cdk8s_expose import ExposureAssertions, ExposurePeer, ExposureScope, Severity, Stage
from main import build_app

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def app(tmp_path):
    return build_app(str(tmp_path))


def chart(app, name):
    return app.node.find_child(name)


def test_the_internet_reaches_only_the_shops_listeners_and_routes(app):
    exposure = ExposureAssertions.from_app(app)

    exposure.exactly_exposed_to(ExposureScope.INTERNET, [
        "ListenerSet shop/shop", "HTTPRoute shop/storefront", "HTTPRoute shop/storefront-redirect", "TCPRoute shop/supplier-sftp",
    ])
    listeners = next(o for o in exposure.exposed_to(ExposureScope.INTERNET) if o.kind == "ListenerSet")
    assert listeners.hosts == ["shop.example.com"]
    assert listeners.ports == ["https 443/HTTPS", "http 80/HTTP", "sftp 2222/TCP"]
    assert listeners.tls is True
    assert listeners.certificate == "cert-manager ClusterIssuer letsencrypt"
    assert listeners.construct_path == "production/Listeners"


def test_an_unexpected_exposure_fails_with_what_is_extra_and_missing(app):
    # Meant to fail: the test expects the API on the internet, and not the other routes.
    exposure = ExposureAssertions.from_chart(chart(app, "production"))

    with pytest.raises(RuntimeError) as failure:
        exposure.exactly_exposed_to(ExposureScope.INTERNET, ["HTTPRoute shop/storefront", "Service shop/api"])

    message = str(failure.value)
    assert message.startswith(
        # jsii gives Python the JavaScript error's name, then its message
        "ValidationError: ExposureAssertions.exactlyExposedTo(\"internet\"): Chart 'production': what is exposed to internet is not what the test expects.\n"
        "Exposed to internet and not expected (3):\n"
        "  - HTTPRoute shop/storefront-redirect: hosts shop.example.com/; TLS redirects to HTTPS; via gateway ListenerSet shop/shop#http; construct production/ToHttps\n"
    )
    assert "\nExpected and not exposed to internet (1):\n  - Service shop/api: exposed to cluster (construct production/Api) instead\n" in message


def test_development_puts_nothing_on_the_internet_but_a_node_port(app):
    exposure = ExposureAssertions.from_chart(chart(app, "development"))

    exposure.nothing_exposed_to(ExposureScope.INTERNET)
    with pytest.raises(RuntimeError, match=re.escape(
        "Chart 'development' exposes 1 object to node:\n  - Service shop-dev/storefront-dev: NodePort; ports 80:30080→3000/TCP")):
        exposure.nothing_exposed_to(ExposureScope.NODE)


def test_the_api_is_reachable_only_from_the_storefront(app):
    production = chart(app, "production")
    exposure = ExposureAssertions.from_chart(production)
    web = production.node.find_child("Shop").node.find_child("Web")

    exposure.only_reachable_from(production.node.find_child("Api"), [ExposurePeer.workload(web)])
    exposure.only_reachable_from(production.node.find_child("Storefront"), [ExposurePeer.namespace("envoy-gateway-system")])
    with pytest.raises(RuntimeError, match=re.escape(
        "Service shop/api is reachable from other peers than the test expects.\n"
        "Admitted and not expected:\n  - Deployment production-shop-web-c8fa0ff4 (8000/TCP;")):
        exposure.only_reachable_from(production.node.find_child("Api"), [ExposurePeer.anyone()])


def test_no_findings_at_their_stages_and_the_node_port_refused_in_production(app):
    ExposureAssertions.from_app(app).no_findings_at_or_above(Severity.WARNING)

    development = ExposureAssertions.from_chart(chart(app, "development"))
    with pytest.raises(RuntimeError, match=r"\[node-port-in-production\] Service shop-dev/storefront-dev \(construct development/Storefront\)"):
        development.no_findings_at_or_above(Severity.ERROR, stage=Stage.PRODUCTION)
    findings = development.findings(stage=Stage.PRODUCTION)
    assert any(f.rule_id == "node-port-in-production" and f.severity == Severity.ERROR for f in findings)


def test_the_summary_is_stable_and_matches_the_snapshot(app, tmp_path, snapshot):
    summary = ExposureAssertions.from_app(app).summary()

    assert ExposureAssertions.from_app(build_app(str(tmp_path / "again"))).summary() == summary
    assert summary == snapshot


def test_the_summary_is_the_typescript_examples(app):
    # The Jest snapshot of the same App (test/assertions/): one engine, the same text in both languages.
    snap = (ROOT / "test" / "assertions" / "__snapshots__" / "exposure-assertions.test.ts.snap").read_text()
    typescript = re.search(r'the summary is the same text for the same App, and matches the snapshot 1`\] = `\n"(.*?)"\n`;', snap, flags=re.S)
    assert typescript is not None
    assert ExposureAssertions.from_app(app).summary() == typescript.group(1)


def docs_python_blocks():
    text = (ROOT / "docs" / "testing.md").read_text()
    return re.findall(r"^```python\n(.*?)^```$", text, flags=re.M | re.S)


def test_docs_testing_has_python_blocks():
    assert len(docs_python_blocks()) >= 1


@pytest.mark.parametrize("index", range(len(docs_python_blocks())))
def test_a_python_block_of_docs_testing_runs(index, tmp_path):
    # Each block is a pytest file of its own: run twice, first writing its snapshots, then
    # against them (the same App must give the same summary in a new process).
    code = docs_python_blocks()[index]
    tests = len(re.findall(r"^def test_", code, flags=re.M))
    block = tmp_path / f"test_docs_{index}.py"
    block.write_text(code)
    for extra in (["--snapshot-update"], []):
        run = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra, str(block)],
            cwd=tmp_path, capture_output=True, text=True,
        )
        assert run.returncode == 0, f"docs/testing.md python block {index + 1} failed:\n{run.stdout}\n{run.stderr}"
        assert tests > 0 and re.search(rf"\b{tests} passed\b", run.stdout), run.stdout
