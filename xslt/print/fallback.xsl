<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer, lowest precedence: elements that carry no print formatting of their own are
     rendered as their content (imported first so every specific rule wins over these). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:template match="*">
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="*" mode="reading">
    <xsl:apply-templates mode="reading"/>
  </xsl:template>
</xsl:stylesheet>
