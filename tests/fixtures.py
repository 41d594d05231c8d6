"""A small, valid dataset that tests copy and then break one piece at a time."""

from __future__ import annotations

from pathlib import Path

SOURCES = """\
- id: up-syrskyi
  publisher: Ukrainska Pravda
  title: Syrskyi reports 1,263 sq km under Ukrainian control
  url: https://www.pravda.com.ua/eng/news/2024/08/20/7471164/
  published: 2024-08-20
- id: censor-syrskyi
  publisher: Censor.NET
  title: Ukrainian Armed Forces control about 1000 square kilometers in Kursk region
  url: https://censor.net/en/news/3504348/
  published: 2024-08-12
- id: afp-isw
  publisher: Vårt Land (AFP)
  title: AFP analysis of ISW data
  url: https://www.vl.no/nyheter/2024/08/13/afp/
  published: 2024-08-13
- id: moscow-times
  publisher: The Moscow Times
  title: Putin Aide Says No Peace Talks With Kyiv Amid Kursk Offensive
  url: https://www.themoscowtimes.com/2024/08/19/a86070
  published: 2024-08-19
"""

CLAIMANTS = """\
- id: syrskyi
  name: Oleksandr Syrskyi
  role: Ukraine's commander-in-chief
  group: ukraine
- id: afp-isw
  name: AFP analysis of ISW data
  role: news agency analysis of think-tank maps
  group: analysts
- id: ushakov
  name: Yuri Ushakov
  role: Kremlin aide
  group: russia
"""

METRICS = """\
- id: territory-km2
  label: Area Ukraine says it controls
  unit: km²
  description: Square kilometres of Kursk region under Ukrainian control.
- id: settlements
  label: Settlements under Ukrainian control
  unit: settlements
  description: Number of settlements.
"""

OBSERVATIONS = """\
date,metric,value,claimant,status,source,note
2024-08-12,territory-km2,1000,syrskyi,claimed,censor-syrskyi,about 1000
2024-08-12,territory-km2,800,afp-isw,assessed,afp-isw,
2024-08-20,territory-km2,1263,syrskyi,claimed,up-syrskyi,
2024-08-20,settlements,93,syrskyi,claimed,up-syrskyi,
"""

EVENTS = """\
id,date,topic,track,claimant,status,label,short,source,note
ushakov-no-talks,2024-08-19,negotiations,Russia,ushakov,on-record,Ushakov says no talks at this stage,Ushakov: no talks,moscow-times,
"""

CHARTS = """\
- id: territory
  kind: timeseries
  title: Territory Ukraine claims
  summary: Ukraine's claims grew while an independent estimate stayed lower.
  metrics: [territory-km2]
- id: settlements-bar
  kind: bar
  title: Settlements
  summary: Ukraine claimed 93 settlements.
  metrics: [settlements]
- id: talks
  kind: timeline
  title: Talks
  summary: Russia ruled out talks.
  topic: negotiations
"""

FILES = {
    "sources.yml": SOURCES,
    "claimants.yml": CLAIMANTS,
    "metrics.yml": METRICS,
    "observations.csv": OBSERVATIONS,
    "events.csv": EVENTS,
    "charts.yml": CHARTS,
}


def write_dataset(root: Path, **overrides: str) -> Path:
    """Write the fixture into root/data; overrides replace whole files, e.g. observations_csv=..."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        key = name.replace(".", "_")
        (data / name).write_text(overrides.get(key, text), encoding="utf-8")
    # Optional files (a site without maps has no places.csv): written only when a test passes one.
    for optional in ("places_csv", "corrections_yml", "updates_yml"):
        if optional in overrides:
            (data / optional.replace("_", ".")).write_text(overrides[optional], encoding="utf-8")
    return data
