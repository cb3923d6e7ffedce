"""``styrdok kolada import``: Kolada API v2 and v3 JSON into content/mal/kolada.yml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from styrdok.grund.diagnostik import StyrdokFel
from styrdok.slag.mal.kolada import importera


def skriv(rot: Path, data, namn: str = "svar.json") -> Path:
    fil = rot / namn
    fil.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return fil


def läs(rot: Path) -> dict:
    return yaml.safe_load((rot / "content/mal/kolada.yml").read_text(encoding="utf-8"))


def post(kpi="N15419", kommun="9999", period=2024, **kön):
    return {
        "kpi": kpi,
        "municipality": kommun,
        "period": period,
        "values": [
            {"gender": g, "count": 1, "status": "", "value": v}
            for g, v in (kön or {"T": 80.5}).items()
        ],
    }


def test_v2_med_kön_och_riket(tmp_path):
    fil = skriv(
        tmp_path,
        {"values": [post(T=80.5, K=83.0, M=78.1), post(kommun="0000", T=84.7)], "count": 2},
    )
    summering = importera(tmp_path, fil)
    data = läs(tmp_path)
    assert data["kommun"] == "9999"
    assert data["värden"]["N15419"]["2024"] == {"T": 80.5, "K": 83.0, "M": 78.1}
    assert data["riket"]["N15419"]["2024"] == {"T": 84.7}
    assert summering.startswith("Importerade 4 värden för 1 nyckeltal (N15419), 2024")


def test_v3_med_period_per_värde_och_saknade_värden(tmp_path):
    svar = {
        "values": [
            {
                "kpi": "U21468",
                "municipality": "9999",
                "values": [
                    {"period": 2023, "gender": "T", "value": 88, "isdeleted": False},
                    {"period": 2024, "gender": "T", "value": None},
                ],
            }
        ],
        "count": 1,
        "next_page": None,
    }
    importera(tmp_path, skriv(tmp_path, svar))
    assert läs(tmp_path)["värden"] == {"U21468": {"2023": {"T": 88.0}}}


def test_en_ny_import_behåller_tidigare_år(tmp_path):
    importera(tmp_path, skriv(tmp_path, {"values": [post(period=2023, T=70.0)]}, "a.json"))
    importera(
        tmp_path,
        skriv(
            tmp_path, {"values": [post(period=2024, T=71.0), post(period=2023, T=70.5)]}, "b.json"
        ),
    )
    assert läs(tmp_path)["värden"]["N15419"] == {"2023": {"T": 70.5}, "2024": {"T": 71.0}}


def test_den_importerade_filen_godtas_av_bygget(tmp_path):
    from styrdok.grund.diagnostik import Rapport
    from styrdok.grund.kallfil import läs_yaml
    from styrdok.slag.mal.modeller import Koladadata

    importera(tmp_path, skriv(tmp_path, {"values": [post(T=80.5, K=83.0, M=78.1)]}))
    rapport = Rapport()
    källa = läs_yaml(tmp_path / "content/mal/kolada.yml", "kolada.yml", rapport)
    assert Koladadata.model_validate(källa.data).värden["N15419"]["2024"].K == 83.0
    assert rapport.diagnoser == []


@pytest.mark.parametrize(
    "innehåll, del_av_felet",
    [
        ('{"values": [', "inte giltig JSON"),
        ("[1, 2]", "ser inte ut som ett svar från Koladas API"),
        ({"values": [post(kpi="X1")]}, "values[0].kpi: 'X1' är inte ett Kolada-id"),
        ({"values": [post(kommun="99")]}, "values[0].municipality: '99' är inte ett kommun-id"),
        (
            {
                "values": [
                    {
                        "kpi": "N15419",
                        "municipality": "9999",
                        "period": "förra året",
                        "values": [{"gender": "T", "value": 1}],
                    }
                ]
            },
            "perioden 'förra året' är inget år",
        ),
        (
            {
                "values": [
                    {
                        "kpi": "N15419",
                        "municipality": "9999",
                        "period": 2024,
                        "values": [{"gender": "T", "value": "80,5"}],
                    }
                ]
            },
            "värdet '80,5' är inget tal",
        ),
        ({"values": [post(), post(kommun="1780")]}, "flera kommuner (1780, 9999)"),
    ],
)
def test_felaktiga_filer_ger_svenska_fel(tmp_path, innehåll, del_av_felet):
    fil = skriv(tmp_path, innehåll)
    with pytest.raises(StyrdokFel) as fel:
        importera(tmp_path, fil)
    assert del_av_felet in str(fel.value)
    assert fel.value.sökväg == str(fil)
    assert not (tmp_path / "content/mal/kolada.yml").exists()


def test_json_fel_anger_rad_och_kolumn(tmp_path):
    fil = skriv(tmp_path, '{\n  "values": [\n    {"kpi": }\n  ]\n}')
    with pytest.raises(StyrdokFel) as fel:
        importera(tmp_path, fil)
    assert (fel.value.rad, fel.value.kolumn) == (3, 13)
