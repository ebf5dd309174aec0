"""Copy the top-level xslt/ and schema/ into the package so that a wheel carries them.

The repository keeps them at the top level (where editors look for them); an installed editio
finds them as package data under editio/_data/.  See editio.resources.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent


class BuildWithData(build_py):
    def run(self):
        super().run()
        for name in ("xslt", "schema"):
            src = ROOT / name
            if src.is_dir():
                dst = Path(self.build_lib) / "editio" / "_data" / name
                if dst.exists():
                    shutil.rmtree(dst)
                shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))


setup(cmdclass={"build_py": BuildWithData})
