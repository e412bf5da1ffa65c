"""Language identification: the English fast path and the classifier for everything else."""
from __future__ import annotations

import pytest

from wirewatch.clean.language import detect_language

ENGLISH = ("The district commissioner said on Tuesday that the road to the border crossing had been closed after "
           "heavy rain, and that engineers from the provincial works department were expected to reopen it by the "
           "end of the week if the weather held.")
FRENCH = ("Le préfet a annoncé mardi la fermeture de la route menant au poste frontière après de fortes pluies. "
          "Les ingénieurs du département provincial devraient la rouvrir d'ici la fin de la semaine si le temps "
          "le permet, selon un communiqué publié dans la soirée.")
GERMAN = ("Der Bezirkskommissar sagte am Dienstag, die Straße zum Grenzübergang sei nach starken Regenfällen "
          "gesperrt worden. Ingenieure der Provinzverwaltung sollen sie bis zum Ende der Woche wieder öffnen, "
          "wenn das Wetter es zulässt, hieß es in einer Mitteilung.")
SPANISH = ("El comisionado del distrito dijo el martes que la carretera hacia el paso fronterizo había sido cerrada "
           "tras fuertes lluvias, y que los ingenieros del departamento provincial esperaban reabrirla antes del "
           "fin de semana si el tiempo lo permitía.")


@pytest.mark.parametrize(("text", "language"), [(ENGLISH, "en"), (FRENCH, "fr"), (GERMAN, "de"), (SPANISH, "es")])
def test_detects_the_language_of_news_prose(text: str, language: str) -> None:
    assert detect_language(text) == language


@pytest.mark.parametrize("text", ["", "   ", "Reuters", "Read more"])
def test_too_short_to_tell_is_none(text: str) -> None:
    assert detect_language(text) is None
