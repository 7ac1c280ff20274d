"""Proof-listening: hear a finished build's tracks (faster-whisper), place the heard words on
the script's utterances by their times, and flag the sentences the voice got wrong.

built.py reads what a build left, hearing.py transcribes, aligning.py compares, flagging.py
decides, report.py and page.py show the result; run.py ties them together. Only hearing.py
imports the optional ``earmark[proof]`` packages.
"""
