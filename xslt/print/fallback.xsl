<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer, lowest precedence: elements that carry no print formatting of their own are
     rendered as their content (imported first so every specific rule wins over these). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:template match="*">
    <xsl:apply-templates/>
  </xsl:template>

  <!-- An element with words that stands between paragraphs and has no print rule of its own (a
       back matter register, an unknown block): one numbered paragraph, so no word is lost and
       reledmac is never given text outside \pstart…\pend -->
  <xsl:template match="tei:body/*[normalize-space()] | tei:div/*[normalize-space()] | tei:front/*[normalize-space()]
                       | tei:back/*[normalize-space()] | tei:sp/*[normalize-space()] | tei:lg/*[normalize-space()]
                       | tei:castList/*[normalize-space()] | tei:group/*[normalize-space()]">
    <xsl:text>&#10;\pstart %&#10;</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;\pend&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="*" mode="reading">
    <xsl:apply-templates mode="reading"/>
  </xsl:template>
</xsl:stylesheet>
