"""People-to-people ties: students, visitors, flights, sister cities, Luban Workshops, Confucius Institutes.

* `figures` reads the people pillar's cited observations and answers "how has
  this changed since the Xi'an summit?" for each series.
* `institutions` lists the Luban Workshops and Confucius Institutes (which,
  where, since when) and the visa regimes as dated events.
"""
