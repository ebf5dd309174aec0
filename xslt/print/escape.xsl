<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: LaTeX escaping.  Every character that comes from a TEI document or the register
     passes through "tex" before it reaches the .tex file, so no text can break the build or inject
     TeX.  XSLT 1.0 has no replace(); "tex" splits the string in halves (recursion depth log n, which
     keeps libxslt's depth limit far away) and maps single special characters. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <!-- Characters with a meaning to TeX (or to LaTeX's optional-argument scanner: [ ]),
       plus DEL, which TeX rejects as an invalid character. -->
  <xsl:variable name="tex-specials">\{}$&amp;#^_%~[]&#127;</xsl:variable>
  <!-- Line ends and tabs become spaces: a blank line would end a paragraph in TeX. -->
  <xsl:variable name="tex-whitespace" select="'&#9;&#10;&#13;'"/>

  <xsl:template name="tex">
    <xsl:param name="s"/>
    <xsl:call-template name="tex-escape">
      <xsl:with-param name="s" select="translate($s, $tex-whitespace, '   ')"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="tex-escape">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="string-length(translate($s, $tex-specials, '')) = $n">
        <xsl:value-of select="$s"/>
      </xsl:when>
      <xsl:when test="$n = 1">
        <xsl:choose>
          <xsl:when test="$s = '\'">\textbackslash{}</xsl:when>
          <xsl:when test="$s = '{'">\{</xsl:when>
          <xsl:when test="$s = '}'">\}</xsl:when>
          <xsl:when test="$s = '$'">\$</xsl:when>
          <xsl:when test="$s = '&amp;'">\&amp;</xsl:when>
          <xsl:when test="$s = '#'">\#</xsl:when>
          <xsl:when test="$s = '^'">\textasciicircum{}</xsl:when>
          <xsl:when test="$s = '_'">\_</xsl:when>
          <xsl:when test="$s = '%'">\%</xsl:when>
          <xsl:when test="$s = '~'">\textasciitilde{}</xsl:when>
          <xsl:when test="$s = '['">{[}</xsl:when>
          <xsl:when test="$s = ']'">{]}</xsl:when>
          <!-- DEL: dropped -->
        </xsl:choose>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="half" select="floor($n div 2)"/>
        <xsl:call-template name="tex-escape"><xsl:with-param name="s" select="substring($s, 1, $half)"/></xsl:call-template>
        <xsl:call-template name="tex-escape"><xsl:with-param name="s" select="substring($s, $half + 1)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Whitespace-normalised and escaped: for one-line values (titles, attribute values) -->
  <xsl:template name="tex-line">
    <xsl:param name="s"/>
    <xsl:call-template name="tex"><xsl:with-param name="s" select="normalize-space($s)"/></xsl:call-template>
  </xsl:template>

  <!-- Text inside an index entry: LaTeX-escaped, then makeindex's own specials quoted with " -->
  <xsl:template name="index-text">
    <xsl:param name="s"/>
    <xsl:variable name="escaped">
      <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$s"/></xsl:call-template>
    </xsl:variable>
    <xsl:call-template name="index-quote"><xsl:with-param name="s" select="string($escaped)"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="index-quote">
    <xsl:param name="s"/>
    <xsl:variable name="n" select="string-length($s)"/>
    <xsl:choose>
      <xsl:when test="string-length(translate($s, '&quot;@!|', '')) = $n"><xsl:value-of select="$s"/></xsl:when>
      <xsl:when test="$n = 1"><xsl:text>"</xsl:text><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="half" select="floor($n div 2)"/>
        <xsl:call-template name="index-quote"><xsl:with-param name="s" select="substring($s, 1, $half)"/></xsl:call-template>
        <xsl:call-template name="index-quote"><xsl:with-param name="s" select="substring($s, $half + 1)"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A sort key for makeindex: only letters, digits and spaces survive -->
  <xsl:template name="index-key">
    <xsl:param name="s"/>
    <xsl:variable name="lower" select="translate(normalize-space($s),
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:value-of select="normalize-space(translate($lower, concat($tex-specials, '&quot;@!|.,;:()*/&lt;&gt;=+`', &quot;'&quot;), ''))"/>
  </xsl:template>

  <!-- A label or file name safe for \label/\pageref: letters, digits and hyphens -->
  <xsl:template name="tex-label">
    <xsl:param name="s"/>
    <xsl:value-of select="translate($s, translate($s, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-', ''), '')"/>
  </xsl:template>

  <!-- A URL, escaped, with break points after slashes so it can wrap -->
  <xsl:template name="tex-url">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '/')">
        <xsl:call-template name="tex"><xsl:with-param name="s" select="substring-before($s, '/')"/></xsl:call-template>
        <xsl:text>/\allowbreak{}</xsl:text>
        <xsl:call-template name="tex-url"><xsl:with-param name="s" select="substring-after($s, '/')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="tex"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
