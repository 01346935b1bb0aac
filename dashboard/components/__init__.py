"""Shared pieces of the pages: chrome, cards, tables, export links, demo marks."""
