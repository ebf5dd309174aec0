<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: witnesses and readings in parallel segmentation. Format-neutral. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:key name="witness" match="tei:witness" use="@xml:id"/>

  <!-- Siglum of one pointer "#d…-wA": the witness's @n, else its id after the last "-w" -->
  <xsl:template name="witness-siglum">
    <xsl:param name="pointer"/>
    <xsl:variable name="wid">
      <xsl:choose>
        <xsl:when test="starts-with($pointer, '#')"><xsl:value-of select="substring($pointer, 2)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$pointer"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="w" select="key('witness', $wid)"/>
    <xsl:choose>
      <xsl:when test="$w/@n"><xsl:value-of select="$w/@n"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$wid"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Sigla of a whitespace-separated pointer list, joined by single spaces: "A B" -->
  <xsl:template name="witness-sigla">
    <xsl:param name="pointers" select="@wit"/>
    <xsl:variable name="list" select="normalize-space($pointers)"/>
    <xsl:if test="$list">
      <xsl:variable name="first">
        <xsl:choose>
          <xsl:when test="contains($list, ' ')"><xsl:value-of select="substring-before($list, ' ')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$list"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="witness-siglum"><xsl:with-param name="pointer" select="$first"/></xsl:call-template>
      <xsl:if test="contains($list, ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="witness-sigla">
          <xsl:with-param name="pointers" select="substring-after($list, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- "1" if the reading (or milestone with @ed) belongs to witness $wit (an id without "#") -->
  <xsl:template name="has-witness">
    <xsl:param name="pointers"/>
    <xsl:param name="wit"/>
    <xsl:if test="contains(concat(' ', normalize-space($pointers), ' '), concat(' #', $wit, ' '))">1</xsl:if>
  </xsl:template>

  <!-- generate-id() of an app's lemma: its lem, else the reading of the document's first declared
       witness, else its first reading -->
  <xsl:template name="lemma-reading">
    <xsl:variable name="first-wit" select="(ancestor::tei:TEI[1]//tei:listWit/tei:witness)[1]/@xml:id"/>
    <xsl:variable name="of-first" select="tei:rdg[contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $first-wit, ' '))]"/>
    <xsl:choose>
      <xsl:when test="tei:lem"><xsl:value-of select="generate-id(tei:lem[1])"/></xsl:when>
      <xsl:when test="$of-first"><xsl:value-of select="generate-id($of-first[1])"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="generate-id((tei:rdg | tei:rdgGrp/tei:rdg)[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
