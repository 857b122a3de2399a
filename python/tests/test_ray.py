"""A Ray Data job: map_batches on a pool of two worker actors."""

import os

import pytest

import wpclean
import wpclean.ray as wpray
from conftest import cli_articles, needs_corpus
from engines import check_articles, rest_posts_ndjson

ray = pytest.importorskip("ray", reason="ray is not installed (python/requirements-ray.txt)")


@pytest.fixture(scope="module")
def local_ray():
    # Four logical CPUs: two for the actors, the rest for Ray Data's own tasks.
    ray.init(num_cpus=4, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"RAY_DATA_DISABLE_PROGRESS_BARS": "1"}})
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    yield
    ray.shutdown()


@needs_corpus()
def test_ray_job_cleans_every_post_like_the_command(local_ray, cli, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    ndjson, lines = rest_posts_ndjson(tmp_path)
    expected = cli_articles(cli, ndjson)
    ds = ray.data.from_arrow(pa.table({"post": lines})).repartition(4)
    rows = wpray.clean(ds, workers=2, batch_size=32).to_arrow_refs()
    table = pa.concat_tables(ray.get(rows))
    check_articles(table.to_pylist(), expected, len(lines))

    class PidCleaner(wpray._Cleaner):
        """wpclean's actor, with the process id of the actor that cleaned each table (defined
        here so that it is sent to the workers by value)."""

        def __call__(self, table):
            out = super().__call__(table)
            return out.append_column("pid", pa.array([os.getpid()] * out.num_rows))

    pids = wpray._map(ds, "clean_arrow", "post", 2, 1, 32, {}, udf=PidCleaner)
    pid_table = pa.concat_tables(ray.get(pids.to_arrow_refs()))
    assert pid_table.num_rows == len(lines)
    assert len(set(pid_table.column("pid").to_pylist())) >= 2

    out = str(tmp_path / "articles")
    wpray.clean(ds, workers=2, batch_size=32).write_parquet(out)
    back = pq.read_table(out)
    check_articles(back.to_pylist(), expected, len(lines))
