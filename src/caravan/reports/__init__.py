"""Briefings: a few printable pages on one country (or the five together), every figure footnoted.

* `briefing` assembles what a briefing says from the ledger and the analyses
  (headline figures, trade from both sides, product composition, pipeline
  deliveries, corridors, people-to-people figures, timeline, commitments);
* `charts` draws its charts with matplotlib as SVG;
* `footnotes` numbers the sources a briefing cites;
* `html` writes the briefing as one self-contained HTML page, `pdf` prints it
  with WeasyPrint;
* `labels` holds the headings in English, Chinese and Russian.
"""
