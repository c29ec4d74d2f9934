"""Files published for download as the editor made them: a 公益广告's print-size file (PDF or a
large image), copied byte for byte from data/photos/ to downloads/ads/<id>-print.<ext>, so a
poster prints at full quality (photos shown on pages are resized; print files are not)."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from kit.data.dataset import Dataset
from kit.data.kinds.ads import print_url


def files(d: Dataset, config: MkDocsConfig) -> list[File]:
    if d.data_dir is None:
        return []
    return [File.generated(config, print_url(ad), abs_src_path=str(d.data_dir / ad.print_file))
            for ad in d.ads if ad.print_file]
