<?xml version="1.0" encoding="UTF-8"?>
<!-- Web layer, lowest precedence (imported first by document.xsl, so that xslt/common/ and every
     specific rule win over these): anything else from TEI keeps its text in a span named for it;
     anything not TEI, its text only. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:template match="tei:*">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:graphic | tei:figDesc | tei:desc[parent::tei:gap]"/>
  <xsl:template match="*"><xsl:apply-templates/></xsl:template>
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>
