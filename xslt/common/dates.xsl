<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: machine-readable dates. Format-neutral. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <!-- The ISO value a date stands for: @when, else @notBefore, else @from, else @notAfter -->
  <xsl:template name="date-iso">
    <xsl:param name="date" select="."/>
    <xsl:value-of select="($date/@when | $date/@notBefore | $date/@from | $date/@notAfter | $date/@to)[1]"/>
  </xsl:template>

  <!-- "1944-06-10" -> "10 June 1944"; "1944-06" -> "June 1944"; "1944" -> "1944" -->
  <xsl:template name="date-label">
    <xsl:param name="iso"/>
    <xsl:variable name="months" select="'January  February March    April    May      June     July     August   SeptemberOctober  November December '"/>
    <xsl:variable name="y" select="substring($iso, 1, 4)"/>
    <xsl:variable name="m" select="number(substring($iso, 6, 2))"/>
    <xsl:variable name="d" select="number(substring($iso, 9, 2))"/>
    <xsl:if test="$d = $d"><xsl:value-of select="$d"/><xsl:text> </xsl:text></xsl:if>
    <xsl:if test="$m = $m"><xsl:value-of select="normalize-space(substring($months, ($m - 1) * 9 + 1, 9))"/><xsl:text> </xsl:text></xsl:if>
    <xsl:choose>
      <!-- "0375" is the year 375 (as editio.records.date_label says it) -->
      <xsl:when test="not(starts-with($iso, '-')) and string(number($y)) != 'NaN'"><xsl:value-of select="number($y)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$y"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Human-readable range/precision of a date element: "10 June 1944", "between … and …" -->
  <xsl:template name="date-description">
    <xsl:param name="date" select="."/>
    <xsl:choose>
      <xsl:when test="$date/@when">
        <xsl:call-template name="date-label"><xsl:with-param name="iso" select="$date/@when"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$date/@notBefore and $date/@notAfter">
        <xsl:text>between </xsl:text>
        <xsl:call-template name="date-label"><xsl:with-param name="iso" select="$date/@notBefore"/></xsl:call-template>
        <xsl:text> and </xsl:text>
        <xsl:call-template name="date-label"><xsl:with-param name="iso" select="$date/@notAfter"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$date/@notBefore">
        <xsl:text>not before </xsl:text>
        <xsl:call-template name="date-label"><xsl:with-param name="iso" select="$date/@notBefore"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$date/@notAfter">
        <xsl:text>not after </xsl:text>
        <xsl:call-template name="date-label"><xsl:with-param name="iso" select="$date/@notAfter"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
    <xsl:if test="$date/@cert and $date/@cert != 'high'"> (inferred)</xsl:if>
  </xsl:template>
</xsl:stylesheet>
