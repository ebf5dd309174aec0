"""Builders: each output of an edition (print, web, APIs, yours) is a builder over the environment.

A builder is a subclass of `Builder` registered under a name (`@register("web")`).  Every module of
this package is imported when builders are looked up, so a new output is one new module here;
a builder from another package registers itself through the `editio.builders` entry-point group,
or by being imported before `build()` runs (a test or a plug-in does this).
"""

from .base import Builder, BuildContext, available, build, get, register

__all__ = ["Builder", "BuildContext", "available", "build", "get", "register"]
