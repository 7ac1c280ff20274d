"""Narration: the spoken script of a book, speech engines, the sentence cache, section audio."""
