"""Site generators, one module per generator, plus the site walker (walk, sitemap, config)."""
