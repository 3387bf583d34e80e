"""Replaces pyinstaller-hooks-contrib's hook for Faker, which collects every provider in
every locale (about 14 MB of sources) for `Faker()`'s dynamic loading.

AO Desktop never builds a `Faker()`: the demo generator imports the two id_ID providers
it reads word lists from (ao_desktop/storage/demo/demo_pools.py), and the analysis follows
those imports. In a bundle without provider folders on disk `faker.config` finds no
locales, which is harmless because no Faker proxy is created.
"""

hiddenimports: list[str] = []
datas: list[tuple[str, str]] = []
