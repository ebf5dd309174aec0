<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: the reading text of an element as plain text (mode "plain").
     Corrections, regularisations and expansions win over what they replace; deletions, notes
     and page furniture are left out; gaps appear as [reason]. With $plain-wit set, an apparatus
     gives that witness's reading, otherwise its lemma (apparatus.xsl, lemma-reading). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:param name="plain-wit" select="''"/>

  <xsl:template match="text()" mode="plain"><xsl:value-of select="."/></xsl:template>
  <xsl:template match="tei:del | tei:note | tei:fw | tei:sic[parent::tei:choice] | tei:orig[parent::tei:choice]
                       | tei:abbr[parent::tei:choice] | tei:teiHeader | tei:pb | tei:milestone
                       | comment() | processing-instruction()" mode="plain" priority="3"/>
  <xsl:template match="tei:lb" mode="plain"><xsl:text>&#10;</xsl:text></xsl:template>
  <xsl:template match="tei:gap" mode="plain">
    <xsl:text>[</xsl:text><xsl:call-template name="gap-label"/><xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template match="tei:app" mode="plain">
    <!-- one reading: the one the witness reads (apparatus.xsl, reading-of-witness), else the lemma -->
    <xsl:variable name="read">
      <xsl:choose>
        <xsl:when test="string($plain-wit)">
          <xsl:call-template name="reading-of-witness"><xsl:with-param name="wit" select="$plain-wit"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:call-template name="lemma-reading"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:apply-templates select="(tei:lem | tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg)[generate-id() = $read]/node()" mode="plain"/>
  </xsl:template>
  <xsl:template match="*[@ed]" mode="plain" priority="2">
    <xsl:if test="not(string($plain-wit)) or contains(concat(' ', normalize-space(@ed), ' '), concat(' #', $plain-wit, ' '))">
      <xsl:apply-templates mode="plain"/>
    </xsl:if>
  </xsl:template>
  <xsl:template match="*" mode="plain"><xsl:apply-templates mode="plain"/></xsl:template>
</xsl:stylesheet>
