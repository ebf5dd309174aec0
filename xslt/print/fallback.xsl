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
  <xsl:template match="*[parent::tei:body or parent::tei:div or parent::tei:front or parent::tei:back or parent::tei:sp
                         or parent::tei:lg or parent::tei:castList or parent::tei:group or parent::tei:set]
                        [normalize-space()][not(tei:p | tei:ab | tei:l | tei:lg | tei:sp | tei:list | tei:head | tei:div
                         | tei:item | tei:castItem | tei:castList | tei:stage | tei:speaker | tei:table | tei:quote | tei:figure
                         | tei:opener | tei:closer | tei:dateline | tei:salute | tei:signed | tei:postscript | tei:titlePart
                         | tei:docTitle | tei:docImprint | tei:docDate | tei:byline | tei:trailer | tei:note)]">
    <xsl:text>&#10;\pstart %&#10;</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>&#10;\pend&#10;</xsl:text>
  </xsl:template>

  <xsl:template match="*" mode="reading">
    <xsl:apply-templates mode="reading"/>
  </xsl:template>
</xsl:stylesheet>
