<?xml version="1.0" encoding="UTF-8"?>
<!-- Inkwell: renders the sitemaps as a readable page in a browser. Crawlers ignore it. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:s="http://www.sitemaps.org/schemas/sitemap/0.9"
    xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
    exclude-result-prefixes="s image">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>XML sitemap</title>
        <style>
          :root { color-scheme: light dark; --muted: #5c6370; --line: #d8dde3; --link: #1a5fb4; }
          @media (prefers-color-scheme: dark) {
            :root { --muted: #9aa3ad; --line: #3a3f45; --link: #8ab4f8; }
          }
          body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
          h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
          p { color: var(--muted); margin: 0 0 1.5rem; }
          table { border-collapse: collapse; width: 100%; }
          th, td { border-bottom: 1px solid var(--line); padding: .4rem .5rem; text-align: left; vertical-align: top; }
          th { font-size: .8rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); }
          td.num, th.num { text-align: right; white-space: nowrap; }
          a { color: var(--link); word-break: break-all; }
        </style>
      </head>
      <body>
        <h1>XML sitemap</h1>
        <xsl:apply-templates select="s:sitemapindex | s:urlset"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="s:sitemapindex">
    <p>This index lists <xsl:value-of select="count(s:sitemap)"/> sitemaps. It is meant for search
      engines; each link below opens one part.</p>
    <table>
      <thead><tr><th>Sitemap</th><th class="num">Last modified</th></tr></thead>
      <tbody>
        <xsl:for-each select="s:sitemap">
          <tr>
            <td><a href="{s:loc}"><xsl:value-of select="s:loc"/></a></td>
            <td class="num"><xsl:value-of select="concat(substring(s:lastmod, 1, 10), ' ', substring(s:lastmod, 12, 5))"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="s:urlset">
    <p>This sitemap lists <xsl:value-of select="count(s:url)"/> addresses. It is meant for search
      engines.</p>
    <table>
      <thead><tr><th>Address</th><th class="num">Images</th><th class="num">Last modified</th></tr></thead>
      <tbody>
        <xsl:for-each select="s:url">
          <tr>
            <td><a href="{s:loc}"><xsl:value-of select="s:loc"/></a></td>
            <td class="num"><xsl:value-of select="count(image:image)"/></td>
            <td class="num"><xsl:value-of select="concat(substring(s:lastmod, 1, 10), ' ', substring(s:lastmod, 12, 5))"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
